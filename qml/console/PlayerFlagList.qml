import QtQuick
import QtQuick.Controls

// The opened player's flags (a FlagQueueModel): rule, status, evidence. The row of
// `selectedFlagId` is highlighted; a click asks the page to select its flag (rowActivated).
ListView {
    id: root

    property var selectedFlagId: 0
    signal rowActivated(int row)

    clip: true
    ScrollBar.vertical: ScrollBar {}

    delegate: ItemDelegate {
        id: flagRow
        required property int index
        required property var model
        // The list this row belongs to (qmllint 6.4 does not let a delegate use outer ids).
        readonly property PlayerFlagList list: ListView.view as PlayerFlagList

        width: ListView.view.width
        highlighted: list.selectedFlagId === model.id
        text: qsTr("%1 · %2 — %3").arg(model.rule).arg(model.status).arg(model.evidence)
        // The evidence of a manual flag is a checker's text: never rich text.
        contentItem: Label {
            textFormat: Text.PlainText
            text: flagRow.text
            font: flagRow.font
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
        }
        onClicked: flagRow.list.rowActivated(flagRow.index)
    }
}
