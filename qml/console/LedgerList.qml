import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A player's ledger (an IncrementModel), newest first: time, delta, event and season (and the
// kind of action), status, and for each counted
// entry "Flag…" and "Reverse…", which the page answers (flagRequested, reverseRequested).
ListView {
    id: root

    signal flagRequested(var incrementId)
    signal reverseRequested(var incrementId)

    clip: true
    ScrollBar.vertical: ScrollBar {}

    delegate: Rectangle {
        id: entry
        required property int index
        required property var model
        // The list this row belongs to (qmllint 6.4 does not let a delegate use outer ids).
        readonly property LedgerList list: ListView.view as LedgerList

        width: ListView.view.width
        implicitHeight: entryRow.implicitHeight + 4
        color: index % 2 ? "#f7f8fa" : "transparent"
        RowLayout {
            id: entryRow
            anchors.fill: parent
            anchors.leftMargin: 6
            anchors.rightMargin: 6
            spacing: 10
            Label {
                textFormat: Text.PlainText
                text: new Date(entry.model.atMs).toLocaleString(Qt.locale(), "yyyy-MM-dd HH:mm:ss.zzz")
                font.family: "monospace"
                Layout.preferredWidth: 190
            }
            Label {
                textFormat: Text.PlainText
                text: (entry.model.delta > 0 ? "+" : "") + entry.model.delta
                color: entry.model.delta < 0 ? "#b71c1c" : "#1b5e20"
                horizontalAlignment: Text.AlignRight
                Layout.preferredWidth: 36
            }
            Label {
                objectName: "entryEvent"
                textFormat: Text.PlainText
                text: entry.model.event.length > 0 ? qsTr("%1 · S%2").arg(entry.model.event).arg(entry.model.season)
                    + (entry.model.action.length > 0 ? " · " + entry.model.action : "") : ""
                color: "#555"
                elide: Text.ElideRight
                Layout.preferredWidth: 120
            }
            Label {
                textFormat: Text.PlainText
                text: entry.model.status + (entry.model.flagged ? qsTr(" · flagged") : "")
                color: entry.model.status === "counted" ? "#333" : "#888"
                elide: Text.ElideRight
                Layout.minimumWidth: 60
                Layout.fillWidth: true
            }
            ToolButton {
                text: qsTr("Flag…")
                visible: entry.model.status === "counted" && !entry.model.flagged
                focusPolicy: Qt.NoFocus
                onClicked: entry.list.flagRequested(entry.model.id)
            }
            ToolButton {
                text: qsTr("Reverse…")
                visible: entry.model.status === "counted"
                focusPolicy: Qt.NoFocus
                onClicked: entry.list.reverseRequested(entry.model.id)
            }
        }
    }
}
