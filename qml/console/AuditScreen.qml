import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ConsoleCore

// The audit log (newest first) with a filter, and "Export CSV" to a path typed in the field.
// `files` writes the file (FileWriter.writeText(path, text) → "" or an error message).
Page {
    id: root
    objectName: "audit"

    required property ConsoleSession session
    required property FileWriter files
    readonly property AuditModel model: session ? session.audit : null
    property string exportMessage

    function exportCsv() {
        if (!files || pathField.text.trim().length === 0)
            return false
        const error = files.writeText(pathField.text.trim(), model.toCsv())
        exportMessage = error.length ? error : qsTr("Saved %n row(s) to %1", "", model.count).arg(pathField.text.trim())
        return error.length === 0
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            Label { textFormat: Text.PlainText; text: qsTr("Audit log (%1)").arg(root.model ? root.model.count : 0); font.pixelSize: 18; font.bold: true }
            Item { Layout.fillWidth: true }
            TextField {
                objectName: "filterInput"
                placeholderText: qsTr("Filter: action, target, reason, staff id")
                Layout.preferredWidth: 300
                onTextChanged: if (root.model) root.model.filterText = text
            }
            Button {
                text: qsTr("Refresh")
                onClicked: root.session.refreshAudit()
            }
        }
        Rectangle {
            color: "#eef1f5"
            radius: 4
            Layout.fillWidth: true
            implicitHeight: head.implicitHeight + 8
            RowLayout {
                id: head
                anchors.fill: parent
                anchors.leftMargin: 8
                anchors.rightMargin: 8
                spacing: 12
                Label { textFormat: Text.PlainText; text: qsTr("Time"); font.bold: true; Layout.preferredWidth: 200 }
                Label { textFormat: Text.PlainText; text: qsTr("Staff"); font.bold: true; Layout.preferredWidth: 50 }
                Label { textFormat: Text.PlainText; text: qsTr("Action"); font.bold: true; Layout.preferredWidth: 80 }
                Label { textFormat: Text.PlainText; text: qsTr("Target"); font.bold: true; Layout.preferredWidth: 120 }
                Label { textFormat: Text.PlainText; text: qsTr("Reason"); font.bold: true; Layout.fillWidth: true }
            }
        }
        ListView {
            id: list
            model: root.model
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}
            delegate: Rectangle {
                id: entry
                required property int index
                required property var model
                width: ListView.view.width
                implicitHeight: entryRow.implicitHeight + 6
                color: index % 2 ? "#f7f8fa" : "transparent"
                RowLayout {
                    id: entryRow
                    anchors.fill: parent
                    anchors.leftMargin: 8
                    anchors.rightMargin: 8
                    spacing: 12
                    Label { textFormat: Text.PlainText; text: entry.model.at; Layout.preferredWidth: 200; elide: Text.ElideRight }
                    Label { textFormat: Text.PlainText; text: entry.model.staffId; Layout.preferredWidth: 50 }
                    Label { textFormat: Text.PlainText; text: entry.model.action; font.bold: true; Layout.preferredWidth: 80 }
                    Label { textFormat: Text.PlainText; text: entry.model.target; Layout.preferredWidth: 120 }
                    Label { textFormat: Text.PlainText; text: entry.model.reason; elide: Text.ElideRight; Layout.fillWidth: true }
                }
            }
            Label {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No audit entries.")
                color: "#666"
            }
        }
        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            Label { textFormat: Text.PlainText; text: qsTr("CSV file") }
            TextField {
                id: pathField
                objectName: "pathInput"
                text: "audit.csv"
                Layout.fillWidth: true
                onAccepted: root.exportCsv()
            }
            Button {
                objectName: "exportButton"
                text: qsTr("Export CSV")
                enabled: pathField.text.trim().length > 0
                onClicked: root.exportCsv()
            }
        }
        Label {
            objectName: "exportMessage"
            textFormat: Text.PlainText
            visible: text.length > 0
            text: root.exportMessage
            color: "#555"
        }
    }
}
