import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// An event's kinds of action, editable: kind (a short id), label and points for each, at most
// nine (one key each in the apps). load() shows a catalogue, actions() gives it back.
ColumnLayout {
    id: root

    property bool editable: true
    readonly property int maximum: 9
    readonly property alias count: rows.count

    function load(actions) {
        rows.clear()
        for (const action of actions || [])
            rows.append({ kind: action.kind, label: action.label, points: action.points })
    }
    function actions() {
        const list = []
        for (let i = 0; i < rows.count; ++i) {
            const row = rows.get(i)
            list.push({ kind: row.kind, label: row.label, points: row.points })
        }
        return list
    }
    function setField(row: int, key: string, value) {
        rows.setProperty(row, key, value)
    }
    function removeRow(row: int) {
        rows.remove(row)
    }
    function add() {
        if (rows.count < maximum)
            rows.append({ kind: "", label: "", points: 1 })
    }

    spacing: 4

    ListModel { id: rows }

    RowLayout {
        spacing: 8
        Label { textFormat: Text.PlainText; text: qsTr("Kind"); font.bold: true; Layout.preferredWidth: 120 }
        Label { textFormat: Text.PlainText; text: qsTr("Label"); font.bold: true; Layout.preferredWidth: 160 }
        Label { textFormat: Text.PlainText; text: qsTr("Points"); font.bold: true; Layout.preferredWidth: 110 }
    }
    Repeater {
        model: rows
        delegate: RowLayout {
            id: actionRow
            required property int index
            required property string kind
            required property string label
            required property double points
            // The editor this row belongs to (qmllint 6.4 does not let a delegate use outer ids).
            readonly property ActionCatalogue catalogue: parent as ActionCatalogue
            spacing: 8
            TextField {
                objectName: "kindField" + actionRow.index
                text: actionRow.kind
                readOnly: !(actionRow.catalogue && actionRow.catalogue.editable)
                placeholderText: qsTr("e.g. goal")
                maximumLength: 16
                Layout.preferredWidth: 120
                onTextEdited: actionRow.catalogue.setField(actionRow.index, "kind", text)
            }
            TextField {
                objectName: "labelField" + actionRow.index
                text: actionRow.label
                readOnly: !(actionRow.catalogue && actionRow.catalogue.editable)
                placeholderText: qsTr("e.g. Goal")
                maximumLength: 32
                Layout.preferredWidth: 160
                onTextEdited: actionRow.catalogue.setField(actionRow.index, "label", text)
            }
            SpinBox {
                objectName: "pointsBox" + actionRow.index
                from: 1
                to: 1000000
                editable: true
                enabled: actionRow.catalogue && actionRow.catalogue.editable
                value: actionRow.points
                Layout.preferredWidth: 110
                onValueModified: actionRow.catalogue.setField(actionRow.index, "points", value)
            }
            ToolButton {
                objectName: "removeAction" + actionRow.index
                text: qsTr("Remove")
                visible: actionRow.catalogue && actionRow.catalogue.editable
                onClicked: actionRow.catalogue.removeRow(actionRow.index)
            }
        }
    }
    Button {
        objectName: "addAction"
        visible: root.editable
        enabled: rows.count < root.maximum
        text: qsTr("Add a kind of action")
        onClicked: root.add()
    }
    Label {
        textFormat: Text.PlainText
        visible: rows.count === 0
        text: qsTr("None: the event gets the server's default action (“Score!”).")
        color: "#666"
    }
}
