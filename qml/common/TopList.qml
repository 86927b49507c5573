import QtQuick
import QtQuick.Controls

// A board: a ListView over a model with the roles rank, displayName, score and isMe.
// Rows keep their identity when the model moves them, so the transitions animate rank changes.
ListView {
    id: root

    property string emptyText: qsTr("No scores yet.")

    clip: true
    spacing: 2
    interactive: contentHeight > height
    boundsBehavior: Flickable.StopAtBounds
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Top list")

    delegate: ScoreRow {
        required property int index
        required property var model
        width: ListView.view.width
        rank: model.rank
        displayName: model.displayName
        score: model.score
        isMe: model.isMe
    }

    move: Transition {
        NumberAnimation { properties: "y"; duration: 300; easing.type: Easing.OutCubic }
    }
    moveDisplaced: Transition {
        NumberAnimation { properties: "y"; duration: 300; easing.type: Easing.OutCubic }
    }
    displaced: Transition {
        NumberAnimation { properties: "y"; duration: 300; easing.type: Easing.OutCubic }
    }
    add: Transition {
        NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 200 }
    }

    Label {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: root.count === 0
        text: root.emptyText
        color: "#666"
    }
}
