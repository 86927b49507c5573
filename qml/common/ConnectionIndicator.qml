import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The connection state as a coloured dot and a word. `state` takes the values of
// Session.State: 0 Offline, 1 Connecting, 2 Online, 3 Reconnecting.
RowLayout {
    id: root

    property int connectionState: 0
    readonly property var labels: [qsTr("Offline"), qsTr("Connecting…"), qsTr("Online"), qsTr("Reconnecting…")]
    readonly property var colors: ["#9e9e9e", "#f0a020", "#2e9d4a", "#d9822b"]
    readonly property string text: labels[connectionState] ?? labels[0]

    spacing: 6
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Connection: %1").arg(text)

    Rectangle {
        id: dot
        objectName: "dot"
        implicitWidth: label.font.pixelSize * 0.75
        implicitHeight: implicitWidth
        radius: width / 2
        color: root.colors[root.connectionState] ?? root.colors[0]

        SequentialAnimation on opacity {
            running: root.connectionState === 1 || root.connectionState === 3
            loops: Animation.Infinite
            alwaysRunToEnd: true
            NumberAnimation { to: 0.3; duration: 500 }
            NumberAnimation { to: 1.0; duration: 500 }
        }
    }
    Label {
        id: label
        objectName: "label"
        textFormat: Text.PlainText
        text: root.text
    }
}
