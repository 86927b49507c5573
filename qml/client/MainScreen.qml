import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ClientCore
import Scoreboard.Common

// The game: one big action button (Space or Enter), the player's score and rank, and the
// live Top 10 with the player's own row highlighted.
Page {
    id: root
    objectName: "main"

    required property Session session
    property int lastDelta: 0

    function act() {
        if (session && session.loggedIn)
            session.act()
    }

    title: qsTr("Scoreboard")
    focus: true
    Keys.onSpacePressed: (event) => { if (!event.isAutoRepeat) root.act() }
    Keys.onReturnPressed: (event) => { if (!event.isAutoRepeat) root.act() }
    Keys.onEnterPressed: (event) => { if (!event.isAutoRepeat) root.act() }

    Connections {
        target: root.session
        function onActionAccepted(delta, score, rank) {
            root.lastDelta = delta
            bump.restart()
        }
    }

    GridLayout {
        anchors.fill: parent
        anchors.margins: 24
        columns: root.width > 720 ? 2 : 1
        columnSpacing: 32
        rowSpacing: 24

        ColumnLayout {
            spacing: 16
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop

            Label {
                objectName: "greeting"
                textFormat: Text.PlainText
                text: root.session ? qsTr("Hello, %1").arg(root.session.displayName) : ""
                font.pixelSize: 20
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Button {
                id: actionButton
                objectName: "actionButton"
                text: qsTr("Score!")
                font.pixelSize: 36
                font.bold: true
                highlighted: true
                focus: true
                autoRepeat: false
                Layout.fillWidth: true
                Layout.preferredHeight: 140
                Accessible.description: qsTr("Press Space or Enter to score")
                Keys.onReturnPressed: (event) => { if (!event.isAutoRepeat) root.act() }
                Keys.onEnterPressed: (event) => { if (!event.isAutoRepeat) root.act() }
                KeyNavigation.tab: logOutButton
                onClicked: root.act()

                Label {
                    id: deltaLabel
                    objectName: "delta"
                    textFormat: Text.PlainText
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: 10
                    text: "+" + root.lastDelta
                    color: "white"
                    font.pixelSize: 22
                    font.bold: true
                    opacity: 0
                    SequentialAnimation {
                        id: bump
                        PropertyAction { target: deltaLabel; property: "opacity"; value: 1 }
                        PauseAnimation { duration: 400 }
                        NumberAnimation { target: deltaLabel; property: "opacity"; to: 0; duration: 400 }
                    }
                }
            }
            Label {
                textFormat: Text.PlainText
                text: qsTr("Space or Enter scores too.")
                color: "#555"
            }
            GridLayout {
                columns: 2
                columnSpacing: 16
                Label { textFormat: Text.PlainText; text: qsTr("Your score"); color: "#555" }
                Label {
                    objectName: "score"
                    textFormat: Text.PlainText
                    text: root.session ? Number(root.session.score).toLocaleString(Qt.locale(), "f", 0) : "0"
                    font.pixelSize: 28
                    font.bold: true
                }
                Label { textFormat: Text.PlainText; text: qsTr("Your rank"); color: "#555" }
                Label {
                    objectName: "rank"
                    textFormat: Text.PlainText
                    text: root.session && root.session.rank > 0 ? "#" + root.session.rank : "–"
                    font.pixelSize: 28
                    font.bold: true
                }
            }
            Item { Layout.fillHeight: true }
            Button {
                id: logOutButton
                objectName: "logOutButton"
                text: qsTr("Log out")
                KeyNavigation.tab: actionButton
                onClicked: root.session.logOut()
            }
        }

        ColumnLayout {
            spacing: 8
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                textFormat: Text.PlainText
                text: qsTr("Top 10")
                font.pixelSize: 20
                font.bold: true
            }
            Frame {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 200
                padding: 4
                TopList {
                    id: topList
                    objectName: "topList"
                    anchors.fill: parent
                    model: root.session ? root.session.board : null
                }
            }
        }
    }
}
