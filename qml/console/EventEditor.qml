import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// An event's settings as a form: slug (new events only), title, category, description, the
// schedule (date-time pickers), the board size, the reset rule and the catalogue of actions.
// load() shows an event (a map of EventListModel roles) or a blank new one; form() gives what
// ConsoleSession.saveEvent() takes. Read-only unless `editable` (checkers see events only).
GridLayout {
    id: root

    property bool editable: true
    property bool isNew: true
    readonly property var resetValues: ["", "daily", "weekly", "monthly", "custom"]

    function load(event) {
        isNew = !event || !event.slug
        slugField.text = isNew ? "" : event.slug
        titleField.text = isNew ? "" : event.title
        categoryField.text = isNew ? "" : event.category
        descriptionField.text = isNew ? "" : event.description
        startsPicker.setFrom(isNew ? 0 : event.startsAt)
        endsPicker.setFrom(isNew ? 0 : event.endsAt)
        boardSizeBox.value = isNew ? 10 : event.boardSize
        const rule = isNew ? "" : event.resetEvery
        const known = resetValues.indexOf(rule)
        resetBox.currentIndex = known >= 0 && rule !== "custom" ? known : 4
        durationField.text = known >= 0 ? "" : rule
        catalogue.load(isNew ? [] : event.actions)
    }
    function form() {
        const custom = resetBox.currentIndex === 4
        return {
            slug: slugField.text.trim(),
            title: titleField.text.trim(),
            category: categoryField.text.trim(),
            description: descriptionField.text.trim(),
            startsAtMs: startsPicker.valueMs,
            endsAtMs: endsPicker.valueMs,
            boardSize: boardSizeBox.value,
            resetEvery: custom ? durationField.text.trim() : resetValues[resetBox.currentIndex],
            actions: catalogue.actions()
        }
    }

    columns: 2
    columnSpacing: 12
    rowSpacing: 8

    Label { textFormat: Text.PlainText; text: qsTr("Slug") }
    TextField {
        id: slugField
        objectName: "slugField"
        readOnly: !root.editable || !root.isNew
        placeholderText: qsTr("lower-case letters, digits and dashes, e.g. city-derby")
        maximumLength: 40
        Layout.fillWidth: true
    }
    Label { textFormat: Text.PlainText; text: qsTr("Title") }
    TextField {
        id: titleField
        objectName: "titleField"
        readOnly: !root.editable
        maximumLength: 80
        Layout.fillWidth: true
    }
    Label { textFormat: Text.PlainText; text: qsTr("Category") }
    TextField {
        id: categoryField
        objectName: "categoryField"
        readOnly: !root.editable
        placeholderText: qsTr("e.g. football")
        maximumLength: 40
        Layout.fillWidth: true
    }
    Label { textFormat: Text.PlainText; text: qsTr("Description"); Layout.alignment: Qt.AlignTop }
    TextArea {
        id: descriptionField
        objectName: "descriptionField"
        readOnly: !root.editable
        wrapMode: TextEdit.Wrap
        Layout.fillWidth: true
        Layout.preferredHeight: 60
        background: Rectangle { border.color: "#bdbdbd"; color: descriptionField.readOnly ? "#f5f5f5" : "white" }
    }
    Label { textFormat: Text.PlainText; text: qsTr("Starts") }
    DateTimePicker {
        id: startsPicker
        objectName: "startsPicker"
        editable: root.editable
        noneText: qsTr("when opened")
    }
    Label { textFormat: Text.PlainText; text: qsTr("Ends") }
    DateTimePicker {
        id: endsPicker
        objectName: "endsPicker"
        editable: root.editable
        noneText: qsTr("open-ended")
    }
    Label { textFormat: Text.PlainText; text: qsTr("Board size") }
    SpinBox {
        id: boardSizeBox
        objectName: "boardSizeBox"
        from: 1
        to: 100
        editable: true
        enabled: root.editable
        value: 10
    }
    Label { textFormat: Text.PlainText; text: qsTr("New season") }
    RowLayout {
        spacing: 8
        ComboBox {
            id: resetBox
            objectName: "resetBox"
            enabled: root.editable
            implicitContentWidthPolicy: ComboBox.WidestText
            model: [qsTr("Never"), qsTr("Daily"), qsTr("Weekly"), qsTr("Monthly"), qsTr("Every…")]
        }
        TextField {
            id: durationField
            objectName: "durationField"
            visible: resetBox.currentIndex === 4
            readOnly: !root.editable
            placeholderText: qsTr("ISO 8601, e.g. PT1H or P7D")
            Layout.preferredWidth: 200
        }
    }
    Label { textFormat: Text.PlainText; text: qsTr("Actions"); Layout.alignment: Qt.AlignTop }
    ActionCatalogue {
        id: catalogue
        objectName: "catalogue"
        editable: root.editable
        Layout.fillWidth: true
    }
}
