import QtQuick
import QtQuick.Controls

// A player's actions over time: one mark per ledger entry at its atMs on a time axis, so
// machine-regular timing shows as evenly spaced marks. `rows` is [{atMs, delta, status}].
Rectangle {
    id: root

    property var rows: []
    readonly property real minMs: rows.length ? rows.reduce((m, r) => Math.min(m, r.atMs), rows[0].atMs) : 0
    readonly property real maxMs: rows.length ? rows.reduce((m, r) => Math.max(m, r.atMs), rows[0].atMs) : 0
    readonly property real spanMs: Math.max(1, maxMs - minMs)

    function formatSpan(ms) {
        if (ms < 1000) return qsTr("%1 ms").arg(Math.round(ms))
        if (ms < 120000) return qsTr("%1 s").arg((ms / 1000).toFixed(1))
        if (ms < 7200000) return qsTr("%1 min").arg((ms / 60000).toFixed(1))
        return qsTr("%1 h").arg((ms / 3600000).toFixed(1))
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
            model: root.rows
            delegate: Rectangle {
                required property var modelData
                width: 2
                height: modelData.status === "reversal" ? plot.height * 0.4 : plot.height
                y: plot.height - height
                x: root.rows.length === 1 ? plot.width / 2
                                          : (modelData.atMs - root.minMs) / root.spanMs * (plot.width - width)
                color: modelData.status === "reversed" ? "#c62828"
                     : modelData.status === "reversal" ? "#9e9e9e" : "#1565c0"
                opacity: 0.8
            }
        }
    }
    Label {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: 4
        anchors.leftMargin: 10
        text: root.rows.length ? new Date(root.minMs).toLocaleTimeString(Qt.locale(), "HH:mm:ss") : ""
        font.pixelSize: 11
        color: "#666"
    }
    Label {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.margins: 4
        text: root.rows.length ? qsTr("%n action(s) over %1", "", root.rows.length).arg(root.formatSpan(root.maxMs - root.minMs))
                               : qsTr("No actions.")
        font.pixelSize: 11
        color: "#666"
    }
    Label {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 4
        anchors.rightMargin: 10
        text: root.rows.length ? new Date(root.maxMs).toLocaleTimeString(Qt.locale(), "HH:mm:ss") : ""
        font.pixelSize: 11
        color: "#666"
    }
}
