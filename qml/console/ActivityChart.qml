import QtQuick
import QtQuick.Controls
import Scoreboard.ConsoleCore

// A player's actions over time: one mark per ledger entry at its place on a time axis
// (IncrementModel's timePosition), so machine-regular timing shows as evenly spaced marks.
Rectangle {
    id: root

    required property IncrementModel increments
    readonly property int count: increments ? increments.count : 0
    readonly property real firstAtMs: increments ? increments.firstAtMs : 0
    readonly property real lastAtMs: increments ? increments.lastAtMs : 0

    function formatSpan(ms: real): string {
        if (ms < 1000) return qsTr("%1 ms").arg(Math.round(ms))
        if (ms < 120000) return qsTr("%1 s").arg((ms / 1000).toFixed(1))
        if (ms < 7200000) return qsTr("%1 min").arg((ms / 60000).toFixed(1))
        return qsTr("%1 h").arg((ms / 3600000).toFixed(1))
    }
    function formatTime(ms: real): string {
        return new Date(ms).toLocaleTimeString(Qt.locale(), "HH:mm:ss")
    }

    color: "#fafbfc"
    border.color: "#d0d7de"
    radius: 4
    implicitHeight: 110

    Item {
        id: plot
        anchors.fill: parent
        anchors.margins: 10
        anchors.bottomMargin: 24

        Rectangle { width: parent.width; height: 1; y: parent.height; color: "#888" }
        Repeater {
            objectName: "bars"
            model: root.increments
            // A mark's parent is the plot (qmllint 6.4 does not let a delegate use outer ids).
            delegate: Rectangle {
                required property real timePosition
                required property string status
                width: 2
                height: status === "reversal" ? parent.height * 0.4 : parent.height
                y: parent.height - height
                x: timePosition * (parent.width - width)
                color: status === "reversed" ? "#c62828"
                     : status === "reversal" ? "#9e9e9e" : "#1565c0"
                opacity: 0.8
            }
        }
    }
    Label {
        textFormat: Text.PlainText
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: 4
        anchors.leftMargin: 10
        text: root.count ? root.formatTime(root.firstAtMs) : ""
        font.pixelSize: 11
        color: "#666"
    }
    Label {
        textFormat: Text.PlainText
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.margins: 4
        text: root.count
              ? qsTr("%n action(s) over %1", "", root.count)
                    .arg(root.formatSpan(root.lastAtMs - root.firstAtMs))
              : qsTr("No actions.")
        font.pixelSize: 11
        color: "#666"
    }
    Label {
        textFormat: Text.PlainText
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 4
        anchors.rightMargin: 10
        text: root.count ? root.formatTime(root.lastAtMs) : ""
        font.pixelSize: 11
        color: "#666"
    }
}
