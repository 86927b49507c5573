<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActionButtons</name>
    <message>
        <source>%1 (+%2)</source>
        <translation>%1 (+%2)</translation>
    </message>
</context>
<context>
    <name>ActionCatalogue</name>
    <message>
        <source>Kind</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>e.g. goal</source>
        <translation>z. B. tor</translation>
    </message>
    <message>
        <source>e.g. Goal</source>
        <translation>z. B. Tor</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Add a kind of action</source>
        <translation>Aktionsart hinzufügen</translation>
    </message>
    <message>
        <source>None: the event gets the server&apos;s default action (“Score!”).</source>
        <translation>Keine: Das Event erhält die Standardaktion des Servers („Score!“).</translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) over %1</source>
        <translation>
            <numerusform>%n Aktion in %1</numerusform>
            <numerusform>%n Aktionen in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No actions.</source>
        <translation>Keine Aktionen.</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message numerus="yes">
        <source>Saved %n row(s) to %1</source>
        <translation>
            <numerusform>%n Zeile in %1 gespeichert</numerusform>
            <numerusform>%n Zeilen in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit log (%1)</source>
        <translation>Prüfprotokoll (%1)</translation>
    </message>
    <message>
        <source>Filter: action, target, reason, staff id</source>
        <translation>Filter: Aktion, Ziel, Grund, Mitarbeiter-ID</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>No audit entries.</source>
        <translation>Keine Protokolleinträge.</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
</context>
<context>
    <name>CodeScreen</name>
    <message>
        <source>Check your e-mail</source>
        <translation>Sieh in deine E-Mails</translation>
    </message>
    <message>
        <source>We sent a 6-digit code to %1. Enter it here to confirm the address.</source>
        <translation>Wir haben einen 6-stelligen Code an %1 geschickt. Gib ihn hier ein, um die Adresse zu bestätigen.</translation>
    </message>
    <message>
        <source>your address</source>
        <translation>deine Adresse</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Resend code (%1 s)</source>
        <translation>Code erneut senden (%1 s)</translation>
    </message>
    <message>
        <source>Resend code</source>
        <translation>Code erneut senden</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde neu…</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
</context>
<context>
    <name>DateTimePicker</name>
    <message>
        <source>none</source>
        <translation>keine Angabe</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>Slug</source>
        <translation>Kurzname</translation>
    </message>
    <message>
        <source>lower-case letters, digits and dashes, e.g. city-derby</source>
        <translation>Kleinbuchstaben, Ziffern und Bindestriche, z. B. city-derby</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>e.g. football</source>
        <translation>z. B. Fußball</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>when opened</source>
        <translation>beim Eröffnen</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Board size</source>
        <translation>Größe der Rangliste</translation>
    </message>
    <message>
        <source>New season</source>
        <translation>Neue Saison</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Wöchentlich</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Every…</source>
        <translation>Alle…</translation>
    </message>
    <message>
        <source>ISO 8601, e.g. PT1H or P7D</source>
        <translation>ISO 8601, z. B. PT1H oder P7D</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
</context>
<context>
    <name>EventList</name>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>season %1</source>
        <translation>Saison %1</translation>
    </message>
    <message numerus="yes">
        <source>%n player(s)</source>
        <translation>
            <numerusform>%n Spieler</numerusform>
            <numerusform>%n Spieler</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message numerus="yes">
        <source>Saved %n row(s) to %1</source>
        <translation>
            <numerusform>%n Zeile in %1 gespeichert</numerusform>
            <numerusform>%n Zeilen in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>Neues Event</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Eröffnen…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Beenden…</translation>
    </message>
    <message>
        <source>Only admins change events; you see them read-only.</source>
        <translation>Nur Admins können Events ändern; du siehst sie schreibgeschützt.</translation>
    </message>
    <message>
        <source>Create event</source>
        <translation>Event erstellen</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Seasons and results</source>
        <translation>Saisons und Ergebnisse</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Select an event to see its settings and results.</source>
        <translation>Wähle ein Event aus, um seine Einstellungen und Ergebnisse zu sehen.</translation>
    </message>
    <message>
        <source>Open this event now?</source>
        <translation>Dieses Event jetzt eröffnen?</translation>
    </message>
    <message>
        <source>Close this event now?</source>
        <translation>Dieses Event jetzt beenden?</translation>
    </message>
    <message>
        <source>Players can act in it at once.</source>
        <translation>Spieler können sofort mitmachen.</translation>
    </message>
    <message>
        <source>Its season ends now and its standings are kept; players can no longer act.</source>
        <translation>Die laufende Saison endet jetzt und ihr Stand bleibt erhalten; Spieler können nicht mehr mitmachen.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Eröffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>FlagQueueList</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 · S%2</source>
        <translation>%1 · S%2</translation>
    </message>
    <message>
        <source>No flags match.</source>
        <translation>Keine passenden Markierungen.</translation>
    </message>
</context>
<context>
    <name>LedgerList</name>
    <message>
        <source>%1 · S%2</source>
        <translation>%1 · S%2</translation>
    </message>
    <message>
        <source> · flagged</source>
        <translation> · markiert</translation>
    </message>
    <message>
        <source>Flag…</source>
        <translation>Markieren…</translation>
    </message>
    <message>
        <source>Reverse…</source>
        <translation>Stornieren…</translation>
    </message>
</context>
<context>
    <name>LogInScreen</name>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>New here? Create an account</source>
        <translation>Neu hier? Konto erstellen</translation>
    </message>
    <message>
        <source>Score-check console</source>
        <translation>Konsole für die Punkteprüfung</translation>
    </message>
    <message>
        <source>For staff accounts (checker or admin) only.</source>
        <translation>Nur für Mitarbeiterkonten (Prüfer oder Admin).</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Scoreboard</source>
        <translation>Scoreboard</translation>
    </message>
    <message>
        <source>%1 overtook you: you are now #%2.</source>
        <translation>%1 hat dich überholt: Du bist jetzt auf Platz %2.</translation>
    </message>
    <message>
        <source>Overtaken</source>
        <translation>Überholt</translation>
    </message>
    <message>
        <source>Account suspended</source>
        <translation>Konto gesperrt</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Close settings</source>
        <translation>Einstellungen schließen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting. Your score is safe; actions resume when the connection is back.</source>
        <translation>Verbindung verloren – verbinde neu. Deine Punkte sind sicher; du kannst weiterspielen, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>Scoreboard score check</source>
        <translation>Scoreboard-Punkteprüfung</translation>
    </message>
    <message>
        <source>Queue (%1)</source>
        <translation>Prüfliste (%1)</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Spieler</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Live top 10</source>
        <translation>Live-Top 10</translation>
    </message>
    <message>
        <source>Shortcuts: N next flag · A approve · R reverse</source>
        <translation>Tastenkürzel: N nächste Markierung · A genehmigen · R stornieren</translation>
    </message>
</context>
<context>
    <name>MainScreen</name>
    <message>
        <source>Scoreboard</source>
        <translation>Scoreboard</translation>
    </message>
    <message>
        <source>%1 overtook you: you are now #%2.</source>
        <translation>%1 hat dich überholt: Du bist jetzt auf Platz %2.</translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation>Hallo, %1</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>This event has not started yet.</source>
        <translation>Dieses Event hat noch nicht begonnen.</translation>
    </message>
    <message>
        <source>This event is over: these are its final standings.</source>
        <translation>Dieses Event ist vorbei: Das ist der Endstand.</translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation>%1 (+%2)</translation>
    </message>
    <message>
        <source>Score!</source>
        <translation>Punkten!</translation>
    </message>
    <message>
        <source>Press Space or Enter to score</source>
        <translation>Drück die Leertaste oder Enter, um zu punkten</translation>
    </message>
    <message>
        <source>Keys 1 to %1 press the buttons; Space or Enter the first.</source>
        <translation>Die Tasten 1 bis %1 drücken die Knöpfe, die Leertaste oder Enter den ersten.</translation>
    </message>
    <message>
        <source>Space or Enter scores too.</source>
        <translation>Auch mit der Leertaste oder Enter punktest du.</translation>
    </message>
    <message>
        <source>Your score</source>
        <translation>Deine Punkte</translation>
    </message>
    <message>
        <source>Your rank</source>
        <translation>Dein Platz</translation>
    </message>
    <message>
        <source>Around you</source>
        <translation>Um dich herum</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Top 10</source>
        <translation>Top 10</translation>
    </message>
    <message>
        <source>Live Top 10</source>
        <translation>Live-Top 10</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
</context>
<context>
    <name>PlayerFlagList</name>
    <message>
        <source>%1 · %2 — %3</source>
        <translation>%1 · %2 — %3</translation>
    </message>
</context>
<context>
    <name>PlayerScreen</name>
    <message>
        <source>Score in %1, season %2</source>
        <translation>Punkte in %1, Saison %2</translation>
    </message>
    <message>
        <source>Select a flag in the queue to open its player.</source>
        <translation>Wähle in der Prüfliste eine Markierung aus, um den zugehörigen Spieler zu öffnen.</translation>
    </message>
    <message>
        <source>%1 · user %2 · %3</source>
        <translation>%1 · Benutzer %2 · %3</translation>
    </message>
    <message>
        <source>user %1 · %2</source>
        <translation>Benutzer %1 · %2</translation>
    </message>
    <message>
        <source>SUSPENDED</source>
        <translation>GESPERRT</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>Punktestand %1</translation>
    </message>
    <message>
        <source>Ledger score %1</source>
        <translation>Summe der Buchungen %1</translation>
    </message>
    <message>
        <source>Unsuspend…</source>
        <translation>Entsperren…</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Sperren…</translation>
    </message>
    <message>
        <source>%1 season %2: %3</source>
        <translation>%1 Saison %2: %3</translation>
    </message>
    <message>
        <source>Flag %1 · %2 · %3 · %4, season %5</source>
        <translation>Markierung %1 · %2 · %3 · %4, Saison %5</translation>
    </message>
    <message>
        <source>Flag %1 · %2 · %3</source>
        <translation>Markierung %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Genehmigen (A)</translation>
    </message>
    <message>
        <source>Reverse… (R)</source>
        <translation>Stornieren… (R)</translation>
    </message>
    <message>
        <source>Actions over time</source>
        <translation>Aktionen im Zeitverlauf</translation>
    </message>
    <message>
        <source>Ledger (%1)</source>
        <translation>Buchungen (%1)</translation>
    </message>
    <message>
        <source>Flags (%1)</source>
        <translation>Markierungen (%1)</translation>
    </message>
    <message>
        <source>Reverse this action?</source>
        <translation>Diese Aktion stornieren?</translation>
    </message>
    <message>
        <source>A compensating ledger entry is added; the original stays in the ledger.</source>
        <translation>Es wird eine Gegenbuchung hinzugefügt; die ursprüngliche Buchung bleibt erhalten.</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <source>Flag this action</source>
        <translation>Diese Aktion markieren</translation>
    </message>
    <message>
        <source>Raises a manual flag; it appears in the queue.</source>
        <translation>Setzt eine manuelle Markierung; sie erscheint in der Prüfliste.</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Markieren</translation>
    </message>
    <message>
        <source>Suspend this player?</source>
        <translation>Diesen Spieler sperren?</translation>
    </message>
    <message>
        <source>Unsuspend this player?</source>
        <translation>Diesen Spieler entsperren?</translation>
    </message>
    <message>
        <source>They disappear from every board and are signed out.</source>
        <translation>Die Person verschwindet aus allen Ranglisten und wird abgemeldet.</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Unsuspend</source>
        <translation>Entsperren</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message numerus="yes">
        <source>%n open flag(s)</source>
        <translation>
            <numerusform>%n offene Markierung</numerusform>
            <numerusform>%n offene Markierungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Spieler</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Belege</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Click a flag (or press N) to open the player.</source>
        <translation>Klicke auf eine Markierung (oder drücke N), um den Spieler zu öffnen.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Score before</source>
        <translation>Punkte vorher</translation>
    </message>
    <message>
        <source>Score after</source>
        <translation>Punkte nachher</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Grund (erforderlich)</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Grund (optional)</translation>
    </message>
    <message>
        <source>Written to the audit log</source>
        <translation>Wird ins Prüfprotokoll geschrieben</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ScoreRow</name>
    <message>
        <source>Rank %1, %2, %3 points%4</source>
        <translation>Platz %1, %2, %3 Punkte%4</translation>
    </message>
    <message>
        <source> (you)</source>
        <translation> (du)</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (du)</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>The app reconnects to this address when you save.</source>
        <translation>Beim Speichern verbindet sich die App neu mit dieser Adresse.</translation>
    </message>
    <message>
        <source>Use ws://host:port/ws or wss://host/ws.</source>
        <translation>Verwende ws://host:port/ws oder wss://host/ws.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Tell me on the desktop when someone overtakes me</source>
        <translation>Benachrichtige mich auf dem Desktop, wenn mich jemand überholt</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so the app shows it in its window only.</source>
        <translation>Dieser Desktop hat keinen Infobereich, deshalb zeigt die App die Meldung nur in ihrem Fenster.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>SignUpScreen</name>
    <message>
        <source>Create your account</source>
        <translation>Erstelle dein Konto</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>This does not look like an e-mail address.</source>
        <translation>Das sieht nicht wie eine E-Mail-Adresse aus.</translation>
    </message>
    <message>
        <source>Display name (shown on the board)</source>
        <translation>Anzeigename (erscheint in der Rangliste)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Strong enough.</source>
        <translation>Stark genug.</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>I already have an account — log in</source>
        <translation>Ich habe schon ein Konto – anmelden</translation>
    </message>
</context>
<context>
    <name>Standings</name>
    <message>
        <source>Season</source>
        <translation>Saison</translation>
    </message>
    <message>
        <source>%1 (being played)</source>
        <translation>%1 (laufend)</translation>
    </message>
    <message>
        <source>%1 (final)</source>
        <translation>%1 (abgeschlossen)</translation>
    </message>
    <message>
        <source>Amended by a review</source>
        <translation>Nach einer Prüfung geändert</translation>
    </message>
    <message>
        <source>Nobody scored in this season.</source>
        <translation>In dieser Saison hat niemand gepunktet.</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorherige</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2 von %3</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächste</translation>
    </message>
</context>
<context>
    <name>TopList</name>
    <message>
        <source>No scores yet.</source>
        <translation>Noch keine Punkte.</translation>
    </message>
    <message>
        <source>Top list</source>
        <translation>Bestenliste</translation>
    </message>
</context>
<context>
    <name>scoreboard::app::AbstractSession</name>
    <message>
        <source>Not connected to the server. Reconnecting; please try again in a moment.</source>
        <translation>Keine Verbindung zum Server. Verbinde neu; bitte versuch es gleich noch einmal.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) left.</source>
        <translation>
            <numerusform>Noch %n Versuch.</numerusform>
            <numerusform>Noch %n Versuche.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n second(s).</source>
        <translation>
            <numerusform>Versuch es in %n Sekunde noch einmal.</numerusform>
            <numerusform>Versuch es in %n Sekunden noch einmal.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your account may not do that.</source>
        <translation>Das darf dein Konto nicht.</translation>
    </message>
    <message>
        <source>Not allowed: %1.</source>
        <translation>Nicht erlaubt: %1.</translation>
    </message>
    <message>
        <source>Not found; it may have been removed.</source>
        <translation>Nicht gefunden; vielleicht wurde es entfernt.</translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation>Nicht gefunden: %1.</translation>
    </message>
    <message>
        <source>Someone has already decided this.</source>
        <translation>Darüber hat bereits jemand entschieden.</translation>
    </message>
    <message>
        <source>Already decided: %1.</source>
        <translation>Bereits entschieden: %1.</translation>
    </message>
    <message>
        <source>Please check what you entered.</source>
        <translation>Bitte prüf deine Eingaben.</translation>
    </message>
    <message>
        <source>Choose a stronger password.</source>
        <translation>Wähl ein stärkeres Passwort.</translation>
    </message>
    <message>
        <source>Choose a stronger password: %1.</source>
        <translation>Wähl ein stärkeres Passwort: %1.</translation>
    </message>
    <message>
        <source>Too many attempts.</source>
        <translation>Zu viele Versuche.</translation>
    </message>
    <message>
        <source>That code is not right.</source>
        <translation>Dieser Code stimmt nicht.</translation>
    </message>
    <message>
        <source>That code has expired. Ask for a new one.</source>
        <translation>Dieser Code ist abgelaufen. Fordere einen neuen an.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Ask for a new one.</source>
        <translation>Zu viele falsche Codes. Fordere einen neuen an.</translation>
    </message>
    <message>
        <source>Wrong e-mail address or password.</source>
        <translation>E-Mail-Adresse oder Passwort stimmt nicht.</translation>
    </message>
    <message>
        <source>Confirm your e-mail address first: enter the code we sent you.</source>
        <translation>Bestätige zuerst deine E-Mail-Adresse: Gib den Code ein, den wir dir geschickt haben.</translation>
    </message>
    <message>
        <source>This account has been suspended.</source>
        <translation>Dieses Konto wurde gesperrt.</translation>
    </message>
    <message>
        <source>Your session has ended. Please log in again.</source>
        <translation>Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.</translation>
    </message>
    <message>
        <source>Please log in first.</source>
        <translation>Bitte melde dich zuerst an.</translation>
    </message>
    <message>
        <source>That did not count. Try again.</source>
        <translation>Das wurde nicht gezählt. Versuch es noch einmal.</translation>
    </message>
    <message>
        <source>Not so fast!</source>
        <translation>Nicht so schnell!</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>Das darfst du nicht.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Nicht gefunden.</translation>
    </message>
    <message>
        <source>That has already been done.</source>
        <translation>Das ist bereits erledigt.</translation>
    </message>
    <message>
        <source>The server had a problem. Please try again.</source>
        <translation>Der Server hatte ein Problem. Bitte versuch es noch einmal.</translation>
    </message>
    <message>
        <source>This server does not support that. It may be older than this app.</source>
        <translation>Dieser Server unterstützt das nicht. Vielleicht ist er älter als diese App.</translation>
    </message>
    <message>
        <source>There is no such event.</source>
        <translation>Dieses Event gibt es nicht.</translation>
    </message>
    <message>
        <source>This event is not live: it has not started yet or it is over.</source>
        <translation>Dieses Event läuft gerade nicht: Es hat noch nicht begonnen oder ist schon vorbei.</translation>
    </message>
    <message>
        <source>This event has no action of that kind.</source>
        <translation>Diese Aktion gibt es in diesem Event nicht.</translation>
    </message>
    <message>
        <source>There is no such season.</source>
        <translation>Diese Saison gibt es nicht.</translation>
    </message>
    <message>
        <source>The short name may hold only lower-case letters, digits and dashes.</source>
        <translation>Der Kurzname darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.</translation>
    </message>
    <message>
        <source>The end must come after the start, and in the future.</source>
        <translation>Das Ende muss nach dem Beginn und in der Zukunft liegen.</translation>
    </message>
    <message>
        <source>Reset daily, weekly, monthly, or after a period of at least 10 seconds.</source>
        <translation>Eine neue Saison kann täglich, wöchentlich, monatlich oder nach einem Zeitraum von mindestens 10 Sekunden beginnen.</translation>
    </message>
</context>
<context>
    <name>scoreboard::app::EventListModel</name>
    <message>
        <source>%1 (live)</source>
        <translation>%1 (live)</translation>
    </message>
    <message>
        <source>%1 (scheduled)</source>
        <translation>%1 (geplant)</translation>
    </message>
    <message>
        <source>%1 (finished)</source>
        <translation>%1 (beendet)</translation>
    </message>
</context>
<context>
    <name>scoreboard::app::Language</name>
    <message>
        <source>System (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
</context>
<context>
    <name>scoreboard::app::ProtocolSocket</name>
    <message>
        <source>The server&apos;s certificate is not trusted: %1. Check the server address, or ask its operator.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut: %1. Prüf die Serveradresse oder frag den Betreiber des Servers.</translation>
    </message>
</context>
<context>
    <name>scoreboard::client::Session</name>
    <message>
        <source>You signed in on another device, so this one was signed out.</source>
        <translation>Du hast dich auf einem anderen Gerät angemeldet, deshalb wurde dieses abgemeldet.</translation>
    </message>
    <message>
        <source>This account has been suspended by the score-check team.</source>
        <translation>Dieses Konto wurde vom Team der Punkteprüfung gesperrt.</translation>
    </message>
</context>
<context>
    <name>scoreboard::console::ConsoleSession</name>
    <message>
        <source>This account signed in elsewhere, so this console was signed out.</source>
        <translation>Dieses Konto wurde woanders angemeldet, deshalb wurde diese Konsole abgemeldet.</translation>
    </message>
    <message>
        <source>This account has been suspended.</source>
        <translation>Dieses Konto wurde gesperrt.</translation>
    </message>
    <message>
        <source>This is the score-check console; player accounts cannot log in here.</source>
        <translation>Dies ist die Konsole für die Punkteprüfung; Spielerkonten können sich hier nicht anmelden.</translation>
    </message>
    <message>
        <source>Give a reason; it is written to the audit log.</source>
        <translation>Gib einen Grund an; er wird ins Prüfprotokoll geschrieben.</translation>
    </message>
    <message>
        <source>Give the file to save the results to.</source>
        <translation>Gib die Datei an, in der die Ergebnisse gespeichert werden sollen.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not fetch the results: %1</source>
        <translation>Die Ergebnisse konnten nicht abgerufen werden: %1</translation>
    </message>
</context>
<context>
    <name>scoreboard::console::FileWriter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
</TS>
