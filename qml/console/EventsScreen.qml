import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.Common
import Scoreboard.ConsoleCore

// The events: the list (live, scheduled, finished) on the left; on the right the selected event's
// settings (an editable form for admins, read-only for checkers), Open… / Close… with a reason,
// and its seasons' standings with "Export CSV". "New event" starts a blank form (admins).
Page {
    id: root
    objectName: "events"

    required property ConsoleSession session
    readonly property bool isAdmin: session !== null && session.role === "admin"
    // The selected event's slug; "" with `creating` for a new one.
    property string selected: ""
    property bool creating: false
    // The selected event as a map of its roles; follows every change the server sends.
    readonly property var current: session && selected.length > 0 && session.events.revision >= 0
        ? session.events.get(selected) : ({})
    readonly property bool hasCurrent: current.slug !== undefined
    property string exportMessage
    property alias editor: editor
    property alias stateDialog: stateDialog

    function select(slug: string) {
        creating = false
        selected = slug
        editor.load(current)
        if (hasCurrent) {
            results.showSeason(current.season)
        }
    }
    function startNew() {
        selected = ""
        creating = true
        editor.load(null)
    }
    function save() {
        session.saveEvent(editor.form(), creating)
    }
    function exportResults() {
        const path = pathField.text.trim()
        if (!hasCurrent || path.length === 0)
            return false
        exportMessage = ""
        session.exportResults(selected, results.season, path)
        return true
    }

    Connections {
        target: root.session
        function onEventSaved(slug) { root.select(slug) }
        function onResultsExported(path, rows) {
            root.exportMessage = qsTr("Saved %n row(s) to %1", "", rows).arg(path)
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 12

        ColumnLayout {
            Layout.preferredWidth: 300
            Layout.fillWidth: false
            Layout.fillHeight: true
            spacing: 8
            RowLayout {
                Label { textFormat: Text.PlainText; text: qsTr("Events"); font.pixelSize: 18; font.bold: true }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "newEventButton"
                    visible: root.isAdmin
                    text: qsTr("New event")
                    onClicked: root.startNew()
                }
            }
            EventList {
                id: eventList
                objectName: "eventList"
                model: root.session ? root.session.events : null
                selected: root.selected
                Layout.fillWidth: true
                Layout.fillHeight: true
                onActivated: slug => root.select(slug)
            }
        }

        Rectangle { width: 1; color: "#d0d7de"; Layout.fillHeight: true }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ScrollView {
                anchors.fill: parent
                contentWidth: availableWidth
                visible: root.hasCurrent || root.creating

                ColumnLayout {
                    width: parent.width
                    spacing: 12

                    RowLayout {
                        spacing: 12
                        Label {
                            objectName: "eventTitle"
                            textFormat: Text.PlainText
                            text: root.creating ? qsTr("New event") : (root.current.title || "")
                            font.pixelSize: 20
                            font.bold: true
                        }
                        Label {
                            objectName: "eventState"
                            textFormat: Text.PlainText
                            visible: root.hasCurrent && !root.creating
                            text: !root.hasCurrent ? ""
                                : root.current.state === "live" ? qsTr("Live")
                                : root.current.state === "scheduled" ? qsTr("Scheduled") : qsTr("Finished")
                            color: "white"
                            padding: 4
                            background: Rectangle { color: root.current.state === "live" ? "#2e7d32" : "#616161"; radius: 3 }
                        }
                        Item { Layout.fillWidth: true }
                        Button {
                            objectName: "openEventButton"
                            visible: root.isAdmin && root.hasCurrent && !root.creating && root.current.state !== "live"
                            text: qsTr("Open…")
                            onClicked: stateDialog.askFor(true)
                        }
                        Button {
                            objectName: "closeEventButton"
                            visible: root.isAdmin && root.hasCurrent && !root.creating && root.current.state !== "closed"
                            text: qsTr("Close…")
                            onClicked: stateDialog.askFor(false)
                        }
                    }
                    Label {
                        textFormat: Text.PlainText
                        visible: !root.isAdmin
                        text: qsTr("Only admins change events; you see them read-only.")
                        color: "#666"
                    }

                    TabBar {
                        id: eventTabs
                        objectName: "eventTabs"
                        visible: root.hasCurrent && !root.creating
                        Layout.fillWidth: true
                        TabButton { text: qsTr("Settings"); focusPolicy: Qt.NoFocus }
                        TabButton { objectName: "resultsTab"; text: qsTr("Seasons and results"); focusPolicy: Qt.NoFocus }
                    }
                    StackLayout {
                        currentIndex: root.creating ? 0 : eventTabs.currentIndex
                        Layout.fillWidth: true

                        ColumnLayout {
                            spacing: 12
                            EventEditor {
                                id: editor
                                objectName: "editor"
                                editable: root.isAdmin
                                Layout.fillWidth: true
                            }
                            Button {
                                objectName: "saveEventButton"
                                visible: root.isAdmin
                                text: root.creating ? qsTr("Create event") : qsTr("Save changes")
                                highlighted: true
                                enabled: root.session !== null && !root.session.busy
                                onClicked: root.save()
                            }
                        }
                        ColumnLayout {
                            spacing: 12
                            Standings {
                                id: results
                                objectName: "results"
                                model: root.session ? root.session.standings : null
                                seasons: root.hasCurrent ? root.current.season : 1
                                liveSeason: root.hasCurrent && root.current.state !== "closed" ? root.current.season : 0
                                Layout.fillWidth: true
                                Layout.preferredHeight: 420
                                onPageRequested: (season, offset) => root.session.loadStandings(root.selected, season, offset)
                            }
                            RowLayout {
                                spacing: 8
                                Layout.fillWidth: true
                                Label { textFormat: Text.PlainText; text: qsTr("CSV file") }
                                TextField {
                                    id: pathField
                                    objectName: "resultsPath"
                                    text: root.hasCurrent ? root.current.slug + "-season-" + results.season + ".csv" : ""
                                    Layout.fillWidth: true
                                    onAccepted: root.exportResults()
                                }
                                Button {
                                    objectName: "exportResultsButton"
                                    text: qsTr("Export CSV")
                                    enabled: pathField.text.trim().length > 0
                                    onClicked: root.exportResults()
                                }
                            }
                            Label {
                                objectName: "resultsMessage"
                                textFormat: Text.PlainText
                                visible: text.length > 0
                                text: root.exportMessage
                                color: "#555"
                            }
                        }
                    }
                }
            }
            Label {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                visible: !root.hasCurrent && !root.creating
                text: qsTr("Select an event to see its settings and results.")
                color: "#666"
            }
        }
    }

    ReasonDialog {
        id: stateDialog
        objectName: "eventStateDialog"
        property bool opening: true
        function askFor(open: bool) {
            opening = open
            ask()
        }
        title: opening ? qsTr("Open this event now?") : qsTr("Close this event now?")
        message: opening ? qsTr("Players can act in it at once.")
                         : qsTr("Its season ends now and its standings are kept; players can no longer act.")
        actionText: opening ? qsTr("Open") : qsTr("Close")
        onConfirmed: reason => {
            if (opening)
                root.session.openEvent(root.selected, reason)
            else
                root.session.closeEvent(root.selected, reason)
        }
    }
}
