import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The rows of the flag queue: rule, player, evidence, status, age. A click (or Enter) on a row
// makes it current and asks the page to open it (rowActivated).
ListView {
    id: root

    signal rowActivated(int row)

    function formatAge(seconds: int): string {
        if (seconds < 60) return qsTr("%1 s").arg(seconds)
        if (seconds < 3600) return qsTr("%1 min").arg(Math.floor(seconds / 60))
        if (seconds < 86400) return qsTr("%1 h").arg(Math.floor(seconds / 3600))
        return qsTr("%1 d").arg(Math.floor(seconds / 86400))
    }

    clip: true
    spacing: 2
    currentIndex: -1
    keyNavigationEnabled: true
    ScrollBar.vertical: ScrollBar {}

    delegate: ItemDelegate {
        id: row
        required property int index
        required property string rule
        required property string displayName
        required property string evidence
        required property string status
        required property int ageSeconds
        required property string event
        required property double season
        // The list this row belongs to (qmllint 6.4 does not let a delegate use outer ids).
        readonly property FlagQueueList list: ListView.view as FlagQueueList

        objectName: "flagRow" + index
        width: ListView.view.width
        highlighted: ListView.isCurrentItem
        onClicked: row.list.rowActivated(row.index)
        Keys.onReturnPressed: row.list.rowActivated(row.index)
        contentItem: RowLayout {
            spacing: 12
            Label {
                textFormat: Text.PlainText
                text: row.rule
                font.bold: true
                color: row.rule === "manual" ? "#6a1b9a" : "#b23c17"
                elide: Text.ElideRight
                Layout.preferredWidth: 120
            }
            Label {
                objectName: "player"
                textFormat: Text.PlainText
                text: row.displayName
                elide: Text.ElideRight
                Layout.preferredWidth: 140
            }
            Label {
                objectName: "event"
                textFormat: Text.PlainText
                text: row.event.length > 0 ? qsTr("%1 · S%2").arg(row.event).arg(row.season) : ""
                elide: Text.ElideRight
                color: "#555"
                Layout.preferredWidth: 110
            }
            Label {
                textFormat: Text.PlainText
                text: row.evidence
                elide: Text.ElideRight
                color: "#444"
                Layout.fillWidth: true
            }
            Label {
                textFormat: Text.PlainText
                text: row.status
                color: row.status === "open" ? "#b71c1c"
                     : row.status === "approved" ? "#2e7d32" : "#555"
                Layout.preferredWidth: 80
            }
            Label {
                textFormat: Text.PlainText
                text: row.list.formatAge(row.ageSeconds)
                color: "#666"
                horizontalAlignment: Text.AlignRight
                Layout.preferredWidth: 56
            }
        }
    }

    Label {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: root.count === 0
        text: qsTr("No flags match.")
        color: "#666"
    }
}
