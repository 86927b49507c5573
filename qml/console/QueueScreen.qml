import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The live flag queue (newest first): rule, player, evidence, age; filters by status and rule.
// Selecting a flag opens its player (flagSelected tells the window).
Page {
    id: root
    objectName: "queue"

    property QtObject session
    readonly property var model: session ? session.flagQueue : null
    property alias list: list
    signal flagSelected(var flag)

    readonly property var statuses: ["", "open", "approved", "reversed"]
    // "" (all), then the rules of the flags in the queue, and the chosen one even if it is gone.
    readonly property var rules: {
        const present = model && model.rules ? model.rules : []
        const chosen = model && model.rule && present.indexOf(model.rule) < 0 ? [model.rule] : []
        return [""].concat(present, chosen)
    }

    function formatAge(seconds) {
        if (seconds < 60) return qsTr("%1 s").arg(seconds)
        if (seconds < 3600) return qsTr("%1 min").arg(Math.floor(seconds / 60))
        if (seconds < 86400) return qsTr("%1 h").arg(Math.floor(seconds / 3600))
        return qsTr("%1 d").arg(Math.floor(seconds / 86400))
    }
    function openRow(row) {
        if (row < 0 || row >= list.count)
            return false
        list.currentIndex = row
        list.positionViewAtIndex(row, ListView.Contain)
        if (!list.currentItem)
            return false
        list.currentItem.open()
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
                text: qsTr("%n open flag(s)", "", root.session ? root.session.openFlagCount : 0)
                font.pixelSize: 18
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            Label { text: qsTr("Status") }
            ComboBox {
                id: statusBox
                objectName: "statusFilter"
                model: [qsTr("All"), qsTr("Open"), qsTr("Approved"), qsTr("Reversed")]
                currentIndex: root.model ? Math.max(0, root.statuses.indexOf(root.model.status)) : 0
                onActivated: index => root.model.status = root.statuses[index]
            }
            Label { text: qsTr("Rule") }
            ComboBox {
                id: ruleBox
                objectName: "ruleFilter"
                implicitContentWidthPolicy: ComboBox.WidestText
                model: [qsTr("All")].concat(root.rules.slice(1))
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
                Label { text: qsTr("Rule"); font.bold: true; Layout.preferredWidth: 120 }
                Label { text: qsTr("Player"); font.bold: true; Layout.preferredWidth: 140 }
                Label { text: qsTr("Evidence"); font.bold: true; Layout.fillWidth: true }
                Label { text: qsTr("Status"); font.bold: true; Layout.preferredWidth: 80 }
                Label { text: qsTr("Age"); font.bold: true; Layout.preferredWidth: 56; horizontalAlignment: Text.AlignRight }
            }
        }
        ListView {
            id: list
            objectName: "flagList"
            model: root.model
            clip: true
            spacing: 2
            currentIndex: -1
            keyNavigationEnabled: true
            focus: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: row
                required property int index
                required property var model
                function open() {
                    list.currentIndex = index
                    root.session.openPlayer(model.userId)
                    root.flagSelected({ id: model.id, incrementId: model.incrementId,
                                        userId: model.userId, displayName: model.displayName,
                                        rule: model.rule, evidence: model.evidence,
                                        status: model.status })
                }
                objectName: "flagRow" + index
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                onClicked: open()
                Keys.onReturnPressed: open()
                contentItem: RowLayout {
                    spacing: 12
                    Label {
                        text: row.model.rule
                        font.bold: true
                        color: row.model.rule === "manual" ? "#6a1b9a" : "#b23c17"
                        elide: Text.ElideRight
                        Layout.preferredWidth: 120
                    }
                    Label {
                        objectName: "player"
                        text: row.model.displayName
                        elide: Text.ElideRight
                        Layout.preferredWidth: 140
                    }
                    Label {
                        text: row.model.evidence
                        elide: Text.ElideRight
                        color: "#444"
                        Layout.fillWidth: true
                    }
                    Label {
                        text: row.model.status
                        color: row.model.status === "open" ? "#b71c1c"
                             : row.model.status === "approved" ? "#2e7d32" : "#555"
                        Layout.preferredWidth: 80
                    }
                    Label {
                        text: root.formatAge(row.model.ageSeconds)
                        color: "#666"
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: 56
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No flags match.")
                color: "#666"
            }
        }
        Label {
            text: qsTr("Click a flag (or press N) to open the player.")
            color: "#666"
        }
    }
}
