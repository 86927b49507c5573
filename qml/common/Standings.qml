import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// An event's standings in any of its seasons, a page at a time: a season picker (1 to
// `seasons`, the current one last), the rows of `model` (a StandingsModel: rank, displayName,
// score, isMe, and total, offset, pageSize, amended, loading) and Previous / Next. It asks for
// pages with pageRequested(season, offset); the app loads them into the model.
ColumnLayout {
    id: root

    property var model: null
    property int seasons: 1
    property int liveSeason: 0 // the season still being played (0: none, the event has ended)
    readonly property int season: seasonBox.currentIndex + 1
    signal pageRequested(int season, double offset)

    function showSeason(season: int) {
        seasonBox.currentIndex = Math.max(0, Math.min(seasons, season) - 1)
        pageRequested(root.season, 0)
    }

    spacing: 6

    RowLayout {
        spacing: 8
        Label { textFormat: Text.PlainText; text: qsTr("Season") }
        ComboBox {
            id: seasonBox
            objectName: "seasonBox"
            implicitContentWidthPolicy: ComboBox.WidestText
            model: {
                const names = []
                for (let s = 1; s <= root.seasons; ++s)
                    names.push(s === root.liveSeason ? qsTr("%1 (being played)").arg(s) : qsTr("%1 (final)").arg(s))
                return names
            }
            onActivated: root.pageRequested(root.season, 0)
        }
        Label {
            objectName: "amendedNote"
            textFormat: Text.PlainText
            visible: root.model !== null && root.model.amended
            text: qsTr("Amended by a review")
            color: "#b26a00"
        }
        Item { Layout.fillWidth: true }
        BusyIndicator { running: root.model !== null && root.model.loading; implicitWidth: 24; implicitHeight: 24 }
    }
    TopList {
        objectName: "standingsList"
        model: root.model
        emptyText: qsTr("Nobody scored in this season.")
        interactive: true
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 160
    }
    RowLayout {
        spacing: 8
        Button {
            objectName: "previousPage"
            text: qsTr("Previous")
            enabled: root.model !== null && root.model.offset > 0
            onClicked: root.pageRequested(root.season, Math.max(0, root.model.offset - root.model.pageSize))
        }
        Label {
            objectName: "pageInfo"
            textFormat: Text.PlainText
            text: !root.model || root.model.count === 0 ? ""
                : qsTr("%1–%2 of %3").arg(root.model.offset + 1).arg(root.model.offset + root.model.count).arg(root.model.total)
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
        }
        Button {
            objectName: "nextPage"
            text: qsTr("Next")
            enabled: root.model !== null && root.model.offset + root.model.count < root.model.total
            onClicked: root.pageRequested(root.season, root.model.offset + root.model.pageSize)
        }
    }
}
