import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Scoreboard.ConsoleCore

// The opened player: score and ledger score, an activity chart, the ledger and their flags, and
// the decisions. `flag` is the selected flag ({id, incrementId, rule, evidence, status}) that
// A (approve) and R (reverse) act on.
Page {
    id: root
    objectName: "player"

    required property ConsoleSession session
    readonly property PlayerModel player: session ? session.player : null
    property var flag: null
    property alias reverseDialog: reverseDialog
    property alias flagDialog: flagDialog
    property alias suspendDialog: suspendDialog
    property bool shortcutsEnabled: visible

    readonly property bool flagOpen: flag !== null && flag.status === "open"
    function approve() {
        if (!flagOpen)
            return false
        session.approve(flag.id, "")
        return true
    }
    /// Asks for a reason and confirms, showing the score before and after.
    function askReverse(incrementId, flagId) {
        if (!player || !player.loaded || incrementId <= 0)
            return false
        // The score in the increment's own event and season, before and after.
        const entry = player.increments.entry(incrementId)
        const before = entry.event ? player.scoreIn(entry.event, entry.season) : player.score
        reverseDialog.incrementId = incrementId
        reverseDialog.flagId = flagId
        reverseDialog.scope = entry.event ? qsTr("Score in %1, season %2").arg(entry.event).arg(entry.season) : ""
        reverseDialog.scoreBefore = before
        reverseDialog.scoreAfter = before - (entry.delta || 0)
        reverseDialog.ask()
        return true
    }
    function reverseSelected() {
        return flagOpen ? askReverse(flag.incrementId, flag.id) : false
    }

    Connections {
        target: root.session
        function onApproved(flagId) {
            if (root.flag && root.flag.id === flagId)
                root.flag = Object.assign({}, root.flag, { status: "approved" })
        }
        function onReversed(userId, score) {
            if (root.flag && root.flag.userId === userId)
                root.flag = Object.assign({}, root.flag, { status: "reversed" })
        }
    }

    Shortcut {
        sequence: "A"
        enabled: root.shortcutsEnabled && root.flagOpen && !reverseDialog.visible
        onActivated: root.approve()
    }
    Shortcut {
        sequence: "R"
        enabled: root.shortcutsEnabled && root.flagOpen && !reverseDialog.visible
        onActivated: root.reverseSelected()
    }

    Label {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: !(root.player && root.player.loaded)
        text: qsTr("Select a flag in the queue to open its player.")
        color: "#666"
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 10
        visible: root.player && root.player.loaded

        RowLayout {
            spacing: 12
            Layout.fillWidth: true
            ColumnLayout {
                spacing: 2
                Label {
                    objectName: "playerName"
                    textFormat: Text.PlainText
                    text: root.player ? root.player.displayName : ""
                    font.pixelSize: 22
                    font.bold: true
                }
                Label {
                    textFormat: Text.PlainText
                    // A checker's view has no e-mail address.
                    text: !root.player ? ""
                        : root.player.email ? qsTr("%1 · user %2 · %3").arg(root.player.email).arg(root.player.userId).arg(root.player.role)
                        : qsTr("user %1 · %2").arg(root.player.userId).arg(root.player.role)
                    color: "#555"
                }
            }
            Label {
                textFormat: Text.PlainText
                visible: root.player && root.player.suspended
                text: qsTr("SUSPENDED")
                color: "white"
                font.bold: true
                padding: 4
                background: Rectangle { color: "#b71c1c"; radius: 3 }
            }
            Item { Layout.fillWidth: true }
            ColumnLayout {
                spacing: 0
                Label {
                    objectName: "score"
                    textFormat: Text.PlainText
                    text: qsTr("Score %1").arg(root.player ? root.player.score : 0)
                    font.pixelSize: 20
                    font.bold: true
                    Layout.alignment: Qt.AlignRight
                }
                Label {
                    objectName: "ledgerScore"
                    textFormat: Text.PlainText
                    text: qsTr("Ledger score %1").arg(root.player ? root.player.ledgerScore : 0)
                    color: "#555"
                    Layout.alignment: Qt.AlignRight
                }
            }
            Button {
                objectName: "suspendButton"
                text: root.player && root.player.suspended ? qsTr("Unsuspend…") : qsTr("Suspend…")
                // Lifting a suspension is for admins.
                enabled: !(root.player && root.player.suspended) || (root.session && root.session.role === "admin")
                onClicked: suspendDialog.ask()
            }
        }

        Label {
            objectName: "eventScores"
            textFormat: Text.PlainText
            visible: text.length > 0
            text: {
                const parts = []
                for (const total of root.player ? root.player.scores : [])
                    parts.push(qsTr("%1 season %2: %3").arg(total.event).arg(total.season).arg(total.score))
                return parts.join("  ·  ")
            }
            color: "#555"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Frame {
            objectName: "selectedFlag"
            visible: root.flag !== null
            Layout.fillWidth: true
            background: Rectangle { color: root.flagOpen ? "#fff4e5" : "#f3f4f6"; border.color: "#e0c9a6"; radius: 4 }
            RowLayout {
                anchors.fill: parent
                spacing: 12
                Label {
                    textFormat: Text.PlainText
                    text: !root.flag ? ""
                        : root.flag.event ? qsTr("Flag %1 · %2 · %3 · %4, season %5").arg(root.flag.id).arg(root.flag.rule).arg(root.flag.status).arg(root.flag.event).arg(root.flag.season)
                        : qsTr("Flag %1 · %2 · %3").arg(root.flag.id).arg(root.flag.rule).arg(root.flag.status)
                    font.bold: true
                }
                Label {
                    textFormat: Text.PlainText
                    text: root.flag ? root.flag.evidence : ""
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "approveButton"
                    text: qsTr("Approve (A)")
                    enabled: root.flagOpen
                    focusPolicy: Qt.NoFocus
                    onClicked: root.approve()
                }
                Button {
                    objectName: "reverseButton"
                    text: qsTr("Reverse… (R)")
                    enabled: root.flagOpen && root.flag.incrementId > 0
                    focusPolicy: Qt.NoFocus
                    onClicked: root.reverseSelected()
                }
            }
        }

        Label { textFormat: Text.PlainText; text: qsTr("Actions over time"); font.bold: true }
        ActivityChart {
            objectName: "chart"
            increments: root.player ? root.player.increments : null
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: 12
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                Label { textFormat: Text.PlainText; text: qsTr("Ledger (%1)").arg(ledger.count); font.bold: true }
                LedgerList {
                    id: ledger
                    objectName: "ledger"
                    model: root.player ? root.player.increments : null
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    onFlagRequested: incrementId => {
                        flagDialog.incrementId = incrementId
                        flagDialog.ask()
                    }
                    onReverseRequested: incrementId => root.askReverse(incrementId, 0)
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                Label { textFormat: Text.PlainText; text: qsTr("Flags (%1)").arg(flagList.count); font.bold: true }
                PlayerFlagList {
                    id: flagList
                    objectName: "playerFlags"
                    model: root.player ? root.player.flags : null
                    selectedFlagId: root.flag ? root.flag.id : 0
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    onRowActivated: row => root.flag = root.player.flags.flagAt(row)
                }
            }
        }
    }

    ReasonDialog {
        id: reverseDialog
        objectName: "reverseDialog"
        property var incrementId: 0
        property var flagId: 0
        title: qsTr("Reverse this action?")
        message: qsTr("A compensating ledger entry is added; the original stays in the ledger.")
        actionText: qsTr("Reverse")
        showScores: true
        onConfirmed: reason => {
            if (flagId > 0)
                root.session.reverse(flagId, reason)
            else
                root.session.reverseIncrement(incrementId, reason)
        }
    }
    ReasonDialog {
        id: flagDialog
        objectName: "flagDialog"
        property var incrementId: 0
        title: qsTr("Flag this action")
        message: qsTr("Raises a manual flag; it appears in the queue.")
        actionText: qsTr("Flag")
        onConfirmed: reason => root.session.flagIncrement(incrementId, reason)
    }
    ReasonDialog {
        id: suspendDialog
        objectName: "suspendDialog"
        readonly property bool suspending: !(root.player && root.player.suspended)
        title: suspending ? qsTr("Suspend this player?") : qsTr("Unsuspend this player?")
        message: suspending ? qsTr("They disappear from every board and are signed out.") : ""
        actionText: suspending ? qsTr("Suspend") : qsTr("Unsuspend")
        onConfirmed: reason => {
            if (suspending)
                root.session.suspend(root.player.userId, reason)
            else
                root.session.unsuspend(root.player.userId, reason)
        }
    }
}
