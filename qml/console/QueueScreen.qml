import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ConsoleCore

// The live flag queue (newest first): rule, player, event, evidence, age; filters by status,
// event and rule.
// Selecting a flag opens its player (flagSelected tells the window).
Page {
    id: root
    objectName: "queue"

    required property ConsoleSession session
    readonly property FlagFilterModel model: session ? session.flagQueue : null
    property alias list: list
    signal flagSelected(var flag)

    readonly property var statuses: ["", "open", "approved", "reversed"]
    // A filter's choices: "" (all), then the values of the flags in the queue, and the chosen one
    // even if it is gone.
    function choices(present, chosen) {
        const list = present ? present : []
        return ["", ...list, ...(chosen && list.indexOf(chosen) < 0 ? [chosen] : [])]
    }
    readonly property var rules: model ? choices(model.rules, model.rule) : [""]
    readonly property var events: model ? choices(model.events, model.event) : [""]

    /// Makes @p row current and opens its flag's player.
    function openRow(row: int): bool {
        if (row < 0 || row >= list.count)
            return false
        list.currentIndex = row
        list.positionViewAtIndex(row, ListView.Contain)
        const flag = model.flagAt(row)
        session.openPlayer(flag.userId)
        flagSelected(flag)
        return true
    }
    /// Opens the flag after the selected one (N).
    function nextFlag() {
        return openRow(list.currentIndex + 1 < list.count ? list.currentIndex + 1 : list.currentIndex)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        RowLayout {
            spacing: 12
            Layout.fillWidth: true
            Label {
                objectName: "openCount"
                textFormat: Text.PlainText
                text: qsTr("%n open flag(s)", "", root.session ? root.session.openFlagCount : 0)
                font.pixelSize: 18
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            Label { textFormat: Text.PlainText; text: qsTr("Status") }
            ComboBox {
                id: statusBox
                objectName: "statusFilter"
                model: [qsTr("All"), qsTr("Open"), qsTr("Approved"), qsTr("Reversed")]
                currentIndex: root.model ? Math.max(0, root.statuses.indexOf(root.model.status)) : 0
                onActivated: index => root.model.status = root.statuses[index]
            }
            Label { textFormat: Text.PlainText; text: qsTr("Event") }
            ComboBox {
                id: eventBox
                objectName: "eventFilter"
                implicitContentWidthPolicy: ComboBox.WidestText
                model: [qsTr("All"), ...root.events.slice(1)]
                currentIndex: root.model ? Math.max(0, root.events.indexOf(root.model.event)) : 0
                onActivated: index => root.model.event = root.events[index]
            }
            Label { textFormat: Text.PlainText; text: qsTr("Rule") }
            ComboBox {
                id: ruleBox
                objectName: "ruleFilter"
                implicitContentWidthPolicy: ComboBox.WidestText
                model: [qsTr("All"), ...root.rules.slice(1)]
                currentIndex: root.model ? Math.max(0, root.rules.indexOf(root.model.rule)) : 0
                onActivated: index => root.model.rule = root.rules[index]
            }
        }
        Rectangle {
            color: "#eef1f5"
            radius: 4
            Layout.fillWidth: true
            implicitHeight: head.implicitHeight + 8
            RowLayout {
                id: head
                anchors.fill: parent
                anchors.leftMargin: 8
                anchors.rightMargin: 8
                spacing: 12
                Label { textFormat: Text.PlainText; text: qsTr("Rule"); font.bold: true; Layout.preferredWidth: 120 }
                Label { textFormat: Text.PlainText; text: qsTr("Player"); font.bold: true; Layout.preferredWidth: 140 }
                Label { textFormat: Text.PlainText; text: qsTr("Event"); font.bold: true; Layout.preferredWidth: 110 }
                Label { textFormat: Text.PlainText; text: qsTr("Evidence"); font.bold: true; Layout.fillWidth: true }
                Label { textFormat: Text.PlainText; text: qsTr("Status"); font.bold: true; Layout.preferredWidth: 80 }
                Label { textFormat: Text.PlainText; text: qsTr("Age"); font.bold: true; Layout.preferredWidth: 56; horizontalAlignment: Text.AlignRight }
            }
        }
        FlagQueueList {
            id: list
            objectName: "flagList"
            model: root.model
            focus: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            onRowActivated: row => root.openRow(row)
        }
        Label {
            textFormat: Text.PlainText
            text: qsTr("Click a flag (or press N) to open the player.")
            color: "#666"
        }
    }
}
