import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One line of a board: rank, name, score. The player's own row is highlighted.
Rectangle {
    id: root

    property int rank
    property string displayName
    property var score: 0
    property bool isMe: false

    implicitHeight: row.implicitHeight + 12
    implicitWidth: row.implicitWidth + 16
    radius: 4
    color: isMe ? "#dbeafe" : "transparent"
    border.color: isMe ? "#2563eb" : "transparent"
    border.width: isMe ? 2 : 0
    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("Rank %1, %2, %3 points%4").arg(rank).arg(displayName).arg(score)
                         .arg(isMe ? qsTr(" (you)") : "")

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        spacing: 12
        Label {
            objectName: "rank"
            textFormat: Text.PlainText
            text: root.rank
            font.bold: true
            horizontalAlignment: Text.AlignRight
            Layout.preferredWidth: metrics.width
        }
        Label {
            objectName: "name"
            textFormat: Text.PlainText
            text: root.isMe ? qsTr("%1 (you)").arg(root.displayName) : root.displayName
            font.bold: root.isMe
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Label {
            objectName: "score"
            textFormat: Text.PlainText
            text: Number(root.score).toLocaleString(Qt.locale(), "f", 0)
            font.bold: root.isMe
            horizontalAlignment: Text.AlignRight
        }
    }
    TextMetrics { id: metrics; text: "000" }
}
