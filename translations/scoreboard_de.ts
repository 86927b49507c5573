<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActionButtons</name>
    <message>
        <source>%1 (+%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionCatalogue</name>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a kind of action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the event gets the server&apos;s default action (“Score!”).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) over %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No actions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message numerus="yes">
        <source>Saved %n row(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Audit log (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: action, target, reason, staff id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeScreen</name>
    <message>
        <source>Check your e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We sent a 6-digit code to %1. Enter it here to confirm the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend code (%1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTimePicker</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower-case letters, digits and dashes, e.g. city-derby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. football</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New season</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO 8601, e.g. PT1H or P7D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventList</name>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>season %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n player(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message numerus="yes">
        <source>Saved %n row(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only admins change events; you see them read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seasons and results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event to see its settings and results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this event now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this event now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Players can act in it at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its season ends now and its standings are kept; players can no longer act.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlagQueueList</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · S%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No flags match.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerList</name>
    <message>
        <source>%1 · S%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogInScreen</name>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New here? Create an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score-check console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For staff accounts (checker or admin) only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Scoreboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overtook you: you are now #%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overtaken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost — reconnecting. Your score is safe; actions resume when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoreboard score check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live top 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcuts: N next flag · A approve · R reverse</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainScreen</name>
    <message>
        <source>Scoreboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overtook you: you are now #%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event has not started yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event is over: these are its final standings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Space or Enter to score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys 1 to %1 press the buttons; Space or Enter the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space or Enter scores too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Around you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live Top 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerFlagList</name>
    <message>
        <source>%1 · %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerScreen</name>
    <message>
        <source>Score in %1, season %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a flag in the queue to open its player.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · user %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SUSPENDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsuspend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 season %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag %1 · %2 · %3 · %4, season %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse… (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse this action?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A compensating ledger entry is added; the original stays in the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag this action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raises a manual flag; it appears in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend this player?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsuspend this player?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They disappear from every board and are signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsuspend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message numerus="yes">
        <source>%n open flag(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a flag (or press N) to open the player.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreRow</name>
    <message>
        <source>Rank %1, %2, %3 points%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app reconnects to this address when you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use ws://host:port/ws or wss://host/ws.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell me on the desktop when someone overtakes me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop has no system tray, so the app shows it in its window only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignUpScreen</name>
    <message>
        <source>Create your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This does not look like an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name (shown on the board)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I already have an account — log in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Standings</name>
    <message>
        <source>Season</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (being played)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amended by a review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody scored in this season.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopList</name>
    <message>
        <source>No scores yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scoreboard::app::AbstractSession</name>
    <message>
        <source>Not connected to the server. Reconnecting; please try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) left.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Your account may not do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found; it may have been removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone has already decided this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already decided: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please check what you entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger password: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That code is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That code has expired. Ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong codes. Ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong e-mail address or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm your e-mail address first: enter the code we sent you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has been suspended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Please log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please log in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not count. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not so fast!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That has already been done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had a problem. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not support that. It may be older than this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event is not live: it has not started yet or it is over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event has no action of that kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such season.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The short name may hold only lower-case letters, digits and dashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end must come after the start, and in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset daily, weekly, monthly, or after a period of at least 10 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scoreboard::app::EventListModel</name>
    <message>
        <source>%1 (live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (scheduled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (finished)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scoreboard::app::Language</name>
    <message>
        <source>System (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scoreboard::app::ProtocolSocket</name>
    <message>
        <source>The server&apos;s certificate is not trusted: %1. Check the server address, or ask its operator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scoreboard::client::Session</name>
    <message>
        <source>You signed in on another device, so this one was signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has been suspended by the score-check team.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scoreboard::console::ConsoleSession</name>
    <message>
        <source>This account signed in elsewhere, so this console was signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has been suspended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the score-check console; player accounts cannot log in here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason; it is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the file to save the results to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not fetch the results: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scoreboard::console::FileWriter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
