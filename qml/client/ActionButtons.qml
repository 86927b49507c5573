import QtQuick
import QtQuick.Controls

// The buttons of an event's kinds of action after the first (the screen's big button is the
// first), each with its points; pressed(index) names the kind by its place in `kinds`.
Flow {
    id: buttons

    property var kinds: []
    property bool live: true
    signal pressedKind(int index)

    spacing: 8

    Repeater {
        model: buttons.kinds.length > 1 ? buttons.kinds.slice(1) : []
        delegate: Button {
            id: kindButton
            required property var modelData
            required property int index
            // The Flow this button sits in (qmllint 6.4 does not let a delegate use outer ids).
            readonly property ActionButtons row: parent as ActionButtons
            objectName: "action_" + modelData.kind
            enabled: row && row.live
            text: qsTr("%1 (+%2)").arg(modelData.label).arg(modelData.points)
            font.pixelSize: 20
            onClicked: kindButton.row.pressedKind(kindButton.index + 1)
        }
    }
}
