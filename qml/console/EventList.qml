import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The events (an EventListModel): title, then state, season, players and slug. `selected` is
// the highlighted event's slug; a click says which one (activated).
ListView {
    id: root

    property string selected
    signal activated(string slug)

    clip: true
    spacing: 2
    ScrollBar.vertical: ScrollBar {}

    delegate: ItemDelegate {
        id: eventRow
        required property string slug
        required property string title
        required property string state
        required property double season
        required property double players
        // The list this row belongs to (qmllint 6.4 does not let a delegate use outer ids).
        readonly property EventList list: ListView.view as EventList
        objectName: "event_" + slug
        width: ListView.view.width
        highlighted: list !== null && list.selected === slug
        onClicked: list.activated(slug)
        contentItem: ColumnLayout {
            spacing: 0
            Label { textFormat: Text.PlainText; text: eventRow.title; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
            Label {
                textFormat: Text.PlainText
                text: (eventRow.state === "live" ? qsTr("live") : eventRow.state === "scheduled" ? qsTr("scheduled") : qsTr("finished"))
                    + " · " + qsTr("season %1").arg(eventRow.season)
                    + " · " + qsTr("%n player(s)", "", eventRow.players)
                    + " · " + eventRow.slug
                color: eventRow.state === "live" ? "#1b5e20" : "#666"
                font.pixelSize: 12
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }
}
