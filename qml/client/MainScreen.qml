import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ClientCore
import Scoreboard.Common

// The game: the event picker (live, scheduled, finished), one big button per kind of action
// (1–9 press them, Space or Enter the first), the player's score, rank and neighbours, a banner
// when someone overtakes them, and the event's live Top 10 with the player's own row highlighted
// or, on the Results tab, the standings of any of its seasons.
Page {
    id: root
    objectName: "main"

    required property Session session
    property int lastDelta: 0
    property string overtakenBy: ""
    // The current event as the server describes it (follows every change of the events).
    readonly property var currentInfo: session && session.events.revision >= 0
        ? session.events.get(session.currentEvent) : ({})
    readonly property var kinds: currentInfo.actions ? currentInfo.actions : []
    readonly property bool live: currentInfo.state === undefined || currentInfo.state === "live"

    /// Shows the results: the last finished season (the current one when the event is over).
    function showResults() {
        boardTabs.currentIndex = 1
        const season = currentInfo.season ? currentInfo.season : 1
        results.showSeason(live && season > 1 ? season - 1 : season)
    }

    function act(index) {
        if (!session || !session.loggedIn || !live)
            return
        const kind = index > 0 && index < kinds.length ? kinds[index].kind
                   : (kinds.length > 0 ? kinds[0].kind : "")
        session.act(kind)
    }

    title: qsTr("Scoreboard")
    focus: true
    Keys.onSpacePressed: (event) => { if (!event.isAutoRepeat) root.act(0) }
    Keys.onReturnPressed: (event) => { if (!event.isAutoRepeat) root.act(0) }
    Keys.onEnterPressed: (event) => { if (!event.isAutoRepeat) root.act(0) }
    Keys.onPressed: (event) => {
        if (event.isAutoRepeat || event.key < Qt.Key_1 || event.key > Qt.Key_9)
            return
        const index = event.key - Qt.Key_1
        if (index < root.kinds.length) {
            root.act(index)
            event.accepted = true
        }
    }

    Connections {
        target: root.session
        function onActionAccepted(delta, score, rank) {
            root.lastDelta = delta
            bump.restart()
        }
        function onCurrentEventChanged() {
            if (boardTabs.currentIndex === 1)
                root.showResults()
        }
        function onOvertaken(byName, rank) {
            root.overtakenBy = qsTr("%1 overtook you: you are now #%2.").arg(byName).arg(rank)
            overtakenTimer.restart()
        }
    }
    Timer {
        id: overtakenTimer
        interval: 6000
        onTriggered: root.overtakenBy = ""
    }

    GridLayout {
        anchors.fill: parent
        anchors.margins: 24
        columns: root.width > 720 ? 2 : 1
        columnSpacing: 32
        rowSpacing: 24

        // The player's side scrolls when the window is short; the board beside it does not.
        ScrollView {
            id: playerSide
            // Both sides share the width equally.
            Layout.preferredWidth: 480
            Layout.minimumWidth: 300
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth

        ColumnLayout {
            width: playerSide.availableWidth
            spacing: 16

            Label {
                objectName: "greeting"
                textFormat: Text.PlainText
                text: root.session ? qsTr("Hello, %1").arg(root.session.displayName) : ""
                font.pixelSize: 20
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            ComboBox {
                id: eventPicker
                objectName: "eventPicker"
                Layout.fillWidth: true
                model: root.session ? root.session.events : null
                textRole: "pickerText"
                valueRole: "slug"
                Accessible.name: qsTr("Event")
                currentIndex: root.session && root.session.events.revision >= 0
                    ? root.session.events.indexOf(root.session.currentEvent) : -1
                onActivated: (index) => root.session.selectEvent(valueAt(index))
            }
            Label {
                objectName: "eventState"
                textFormat: Text.PlainText
                visible: !root.live
                text: root.currentInfo.state === "scheduled" ? qsTr("This event has not started yet.")
                                                              : qsTr("This event is over: these are its final standings.")
                color: "#555"
            }
            Button {
                id: actionButton
                objectName: "actionButton"
                enabled: root.live
                text: root.kinds.length > 1 ? qsTr("%1 (+%2)").arg(root.kinds[0].label).arg(root.kinds[0].points)
                    : root.kinds.length === 1 ? root.kinds[0].label : qsTr("Score!")
                font.pixelSize: 36
                font.bold: true
                highlighted: true
                focus: true
                autoRepeat: false
                Layout.fillWidth: true
                Layout.preferredHeight: 140
                Accessible.description: qsTr("Press Space or Enter to score")
                Keys.onReturnPressed: (event) => { if (!event.isAutoRepeat) root.act(0) }
                Keys.onEnterPressed: (event) => { if (!event.isAutoRepeat) root.act(0) }
                KeyNavigation.tab: logOutButton
                onClicked: root.act(0)

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
            ActionButtons {
                objectName: "actionButtons"
                Layout.fillWidth: true
                kinds: root.kinds
                live: root.live
                onPressedKind: (index) => root.act(index)
            }
            Label {
                textFormat: Text.PlainText
                text: root.kinds.length > 1 ? qsTr("Keys 1 to %1 press the buttons; Space or Enter the first.").arg(root.kinds.length)
                                            : qsTr("Space or Enter scores too.")
                color: "#555"
            }
            Label {
                objectName: "overtakenBanner"
                textFormat: Text.PlainText
                visible: root.overtakenBy !== ""
                text: root.overtakenBy
                padding: 8
                font.bold: true
                background: Rectangle { color: "#fff3c4"; radius: 6 }
                Accessible.role: Accessible.AlertMessage
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
            Label {
                textFormat: Text.PlainText
                visible: aroundList.count > 0
                text: qsTr("Around you")
                font.bold: true
            }
            TopList {
                id: aroundList
                objectName: "aroundList"
                model: root.session ? root.session.around : null
                interactive: false
                Layout.fillWidth: true
                Layout.preferredHeight: contentHeight
                Accessible.name: qsTr("Around you")
            }
            Button {
                id: logOutButton
                objectName: "logOutButton"
                text: qsTr("Log out")
                KeyNavigation.tab: actionButton
                onClicked: root.session.logOut()
            }
        }
        }

        ColumnLayout {
            spacing: 8
            Layout.preferredWidth: 480
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                textFormat: Text.PlainText
                text: root.currentInfo.title ? root.currentInfo.title : qsTr("Top 10")
                font.pixelSize: 20
                font.bold: true
            }
            TabBar {
                id: boardTabs
                objectName: "boardTabs"
                Layout.fillWidth: true
                TabButton { text: qsTr("Live Top 10"); focusPolicy: Qt.NoFocus }
                TabButton { objectName: "resultsTab"; text: qsTr("Results"); focusPolicy: Qt.NoFocus }
                onCurrentIndexChanged: if (currentIndex === 1) root.showResults()
            }
            StackLayout {
                currentIndex: boardTabs.currentIndex
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 200
                Frame {
                    padding: 4
                    TopList {
                        id: topList
                        objectName: "topList"
                        anchors.fill: parent
                        model: root.session ? root.session.board : null
                    }
                }
                Standings {
                    id: results
                    objectName: "results"
                    model: root.session ? root.session.standings : null
                    seasons: root.currentInfo.season ? root.currentInfo.season : 1
                    liveSeason: root.live ? seasons : 0
                    onPageRequested: (season, offset) => root.session.loadStandings(root.session.currentEvent, season, offset)
                }
            }
        }
    }
}
