import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A local date and time, or none: a check box ("set"), the date (a button that opens a month
// calendar) and the time (hour and minute). `valueMs` is the time in ms since the epoch, 0 for
// none; setting it shows that time.
RowLayout {
    id: root

    property double valueMs: 0
    property bool editable: true
    property string noneText: qsTr("none")
    // The shown date, kept while the box is unchecked so that checking it again restores it.
    property date shown: new Date()

    function setFrom(ms: double) {
        if (ms > 0)
            shown = new Date(ms)
        setBox.checked = ms > 0
        hourBox.value = shown.getHours()
        minuteBox.value = shown.getMinutes()
        update()
    }
    function update() {
        if (!setBox.checked) {
            valueMs = 0
            return
        }
        const d = new Date(shown.getFullYear(), shown.getMonth(), shown.getDate(), hourBox.value, minuteBox.value)
        valueMs = d.getTime()
    }

    spacing: 6
    Component.onCompleted: setFrom(valueMs)

    CheckBox {
        id: setBox
        objectName: "setBox"
        enabled: root.editable
        onToggled: root.update()
    }
    Button {
        id: dateButton
        objectName: "dateButton"
        enabled: root.editable && setBox.checked
        text: setBox.checked ? root.shown.toLocaleDateString(Qt.locale(), Locale.ShortFormat) : root.noneText
        onClicked: calendar.open()
        Popup {
            id: calendar
            objectName: "calendar"
            y: dateButton.height
            padding: 8
            ColumnLayout {
                spacing: 4
                RowLayout {
                    ToolButton { text: "‹"; onClicked: grid.month = grid.month === 0 ? (grid.year--, 11) : grid.month - 1 }
                    Label {
                        textFormat: Text.PlainText
                        text: new Date(grid.year, grid.month, 1).toLocaleDateString(Qt.locale(), "MMMM yyyy")
                        horizontalAlignment: Text.AlignHCenter
                        Layout.fillWidth: true
                    }
                    ToolButton { text: "›"; onClicked: grid.month = grid.month === 11 ? (grid.year++, 0) : grid.month + 1 }
                }
                DayOfWeekRow { Layout.fillWidth: true }
                MonthGrid {
                    id: grid
                    objectName: "monthGrid"
                    month: root.shown.getMonth()
                    year: root.shown.getFullYear()
                    Layout.fillWidth: true
                    onClicked: date => {
                        // MonthGrid's dates are UTC midnights: take the day, keep the local time.
                        root.shown = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
                        root.update()
                        calendar.close()
                    }
                }
            }
        }
    }
    SpinBox {
        id: hourBox
        objectName: "hourBox"
        enabled: root.editable && setBox.checked
        from: 0
        to: 23
        editable: true
        textFromValue: (value, locale) => String(value).padStart(2, "0")
        onValueModified: root.update()
    }
    Label { textFormat: Text.PlainText; text: ":" }
    SpinBox {
        id: minuteBox
        objectName: "minuteBox"
        enabled: root.editable && setBox.checked
        from: 0
        to: 59
        editable: true
        textFromValue: (value, locale) => String(value).padStart(2, "0")
        onValueModified: root.update()
    }
}
