<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Gatehouse::Core::AwsProfiles</name>
    <message>
        <source>a section header must look like [name]</source>
        <translation>ein Abschnittskopf muss die Form [name] haben</translation>
    </message>
    <message>
        <source>expected &apos;name = value&apos; or a [section] header</source>
        <translation>erwartet wurde &apos;name = value&apos; oder ein Abschnittskopf [section]</translation>
    </message>
    <message>
        <source>a setting comes before any [section] header</source>
        <translation>eine Einstellung steht vor dem ersten Abschnittskopf [section]</translation>
    </message>
    <message>
        <source>%1 line %2: %3; the line was skipped.</source>
        <translation>%1, Zeile %2: %3; die Zeile wurde übersprungen.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::InvocationLogModel</name>
    <message>
        <source>%1 — %2 (request %3)</source>
        <translation>%1 — %2 (Anfrage %3)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Dauer (ms)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::Target</name>
    <message>
        <source>Emulator (not running)</source>
        <translation>Emulator (läuft nicht)</translation>
    </message>
    <message>
        <source>Emulator (%1)</source>
        <translation>Emulator (%1)</translation>
    </message>
    <message>
        <source>AWS profile: %1 (no region)</source>
        <translation>AWS-Profil: %1 (keine Region)</translation>
    </message>
    <message>
        <source>AWS profile: %1 (%2)</source>
        <translation>AWS-Profil: %1 (%2)</translation>
    </message>
    <message>
        <source>Custom: %1</source>
        <translation>Benutzerdefiniert: %1</translation>
    </message>
    <message>
        <source>Enter an endpoint URL, for example http://localhost:4566.</source>
        <translation>Geben Sie eine Endpunkt-URL ein, zum Beispiel http://localhost:4566.</translation>
    </message>
    <message>
        <source>Endpoint &apos;%1&apos; has no scheme: start it with http:// or https://</source>
        <translation>Endpunkt &apos;%1&apos; hat kein Schema: Beginnen Sie ihn mit http:// oder https://</translation>
    </message>
    <message>
        <source>Endpoint &apos;%1&apos; uses the scheme &apos;%2&apos;: use http:// or https://</source>
        <translation>Endpunkt &apos;%1&apos; verwendet das Schema &apos;%2&apos;: Verwenden Sie http:// oder https://</translation>
    </message>
    <message>
        <source>Endpoint &apos;%1&apos; has the port %2: use a number from 1 to 65535.</source>
        <translation>Endpunkt &apos;%1&apos; hat den Port %2: Verwenden Sie eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>Endpoint &apos;%1&apos; is not a valid URL: check for spaces or stray characters.</source>
        <translation>Endpunkt &apos;%1&apos; ist keine gültige URL: Prüfen Sie auf Leerzeichen oder überzählige Zeichen.</translation>
    </message>
    <message>
        <source>Endpoint &apos;%1&apos; has no host name.</source>
        <translation>Endpunkt &apos;%1&apos; hat keinen Hostnamen.</translation>
    </message>
    <message>
        <source>Endpoint &apos;%1&apos; must not have a query (?…) or fragment (#…).</source>
        <translation>Endpunkt &apos;%1&apos; darf keine Abfrage (?…) und kein Fragment (#…) enthalten.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::CustomEndpointDialog</name>
    <message>
        <source>Custom Endpoint</source>
        <translation>Benutzerdefinierter Endpunkt</translation>
    </message>
    <message>
        <source>Send requests to this endpoint (for example LocalStack):</source>
        <translation>Anfragen an diesen Endpunkt senden (zum Beispiel LocalStack):</translation>
    </message>
    <message>
        <source>http://localhost:4566</source>
        <translation>http://localhost:4566</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::EmulatorPanel</name>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Copy the base URL</source>
        <translation>Basis-URL kopieren</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>Lab:</source>
        <translation>Lab:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>Path style:</source>
        <translation>Pfad-Stil:</translation>
    </message>
    <message>
        <source>Host style:</source>
        <translation>Host-Stil:</translation>
    </message>
    <message>
        <source>API / route</source>
        <translation>API / Route</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Click a route to open it in the request builder.</source>
        <translation>Klicken Sie auf eine Route, um sie im Anfrage-Editor zu öffnen.</translation>
    </message>
    <message>
        <source>APIs and routes</source>
        <translation>APIs und Routen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear the invocation log</source>
        <translation>Aufrufprotokoll leeren</translation>
    </message>
    <message>
        <source>Invocations</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation>Läuft unter %1</translation>
    </message>
    <message>
        <source>(no lab loaded)</source>
        <translation>(kein Lab geladen)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1, account %2</source>
        <translation>%1, Konto %2</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>%1/_aws/execute-api/&lt;apiId&gt;/&lt;path&gt;</source>
        <translation>%1/_aws/execute-api/&lt;apiId&gt;/&lt;path&gt;</translation>
    </message>
    <message>
        <source>http://&lt;apiId&gt;.execute-api.localhost%1/&lt;path&gt;</source>
        <translation>http://&lt;apiId&gt;.execute-api.localhost%1/&lt;path&gt;</translation>
    </message>
    <message>
        <source>Emulated APIs answer at either address; &lt;apiId&gt; is the id shown in the tree.</source>
        <translation>Emulierte APIs sind unter beiden Adressen erreichbar; &lt;apiId&gt; ist die im Baum angezeigte ID.</translation>
    </message>
    <message>
        <source>Warnings from the lab template:</source>
        <translation>Warnungen aus der Lab-Vorlage:</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <source>Stage %1
%2
%3</source>
        <translation>Stufe %1
%2
%3</translation>
    </message>
    <message>
        <source>Open %1 %2 in the request builder</source>
        <translation>%1 %2 im Anfrage-Editor öffnen</translation>
    </message>
    <message>
        <source>The lab defines no APIs.</source>
        <translation>Das Lab definiert keine APIs.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::KeyValueTable</name>
    <message>
        <source>Send this row</source>
        <translation>Diese Zeile mitsenden</translation>
    </message>
    <message>
        <source>Remove this row</source>
        <translation>Diese Zeile entfernen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::MainWindow</name>
    <message>
        <source>Gatehouse</source>
        <translation>Gatehouse</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <source>Emulator</source>
        <translation>Emulator</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Emulator Panel</source>
        <translation>&amp;Emulator-Panel</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Gatehouse</source>
        <translation>Ü&amp;ber Gatehouse</translation>
    </message>
    <message>
        <source>About Gatehouse</source>
        <translation>Über Gatehouse</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gatehouse %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Gatehouse %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A native workbench for serverless APIs, with an embedded emulator that speaks the AWS wire protocols on one loopback port.</source>
        <translation>Eine native Arbeitsumgebung für Serverless-APIs mit eingebettetem Emulator, der die AWS-Protokolle über einen einzigen Loopback-Port spricht.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::RequestBuilderWidget</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Add a query parameter</source>
        <translation>Abfrageparameter hinzufügen</translation>
    </message>
    <message>
        <source>Add a header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Add a variable, use it as {{name}}</source>
        <translation>Variable hinzufügen, Verwendung als {{name}}</translation>
    </message>
    <message>
        <source>HTTP method; type any other verb</source>
        <translation>HTTP-Methode; andere Verben einfach eintippen</translation>
    </message>
    <message>
        <source>https://api.example.com/items?limit=10   — use {{name}} for variables</source>
        <translation>https://api.example.com/items?limit=10   — {{name}} für Variablen verwenden</translation>
    </message>
    <message>
        <source>Send the request (Ctrl+Return)</source>
        <translation>Anfrage senden (Strg+Return)</translation>
    </message>
    <message>
        <source>Send Request</source>
        <translation>Anfrage senden</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>Body:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Load Environment…</source>
        <translation>Umgebung laden…</translation>
    </message>
    <message>
        <source>Read a Postman environment export or a flat {&quot;key&quot;: &quot;value&quot;} JSON file</source>
        <translation>Einen Postman-Umgebungsexport oder eine flache JSON-Datei {&quot;key&quot;: &quot;value&quot;} einlesen</translation>
    </message>
    <message>
        <source>Load Environment</source>
        <translation>Umgebung laden</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Variables defined here are used as {{name}} in the URL, headers and body.</source>
        <translation>Hier definierte Variablen werden als {{name}} in URL, Headern und Body verwendet.</translation>
    </message>
    <message>
        <source>Environment &apos;%1&apos; defines %2. Rows here override it.</source>
        <translation>Die Umgebung &apos;%1&apos; definiert %2. Einträge hier haben Vorrang.</translation>
    </message>
    <message>
        <source>Edit body</source>
        <translation>Body bearbeiten</translation>
    </message>
    <message>
        <source>Edit URL</source>
        <translation>URL bearbeiten</translation>
    </message>
    <message>
        <source>Change method</source>
        <translation>Methode ändern</translation>
    </message>
    <message>
        <source>Edit query parameters</source>
        <translation>Abfrageparameter bearbeiten</translation>
    </message>
    <message>
        <source>This request has no body. Choose JSON or Text to send one.</source>
        <translation>Diese Anfrage hat keinen Body. Wählen Sie JSON oder Text, um einen zu senden.</translation>
    </message>
    <message>
        <source>Type the request body here.</source>
        <translation>Geben Sie hier den Body der Anfrage ein.</translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation>Gültiges JSON</translation>
    </message>
    <message>
        <source>Invalid JSON: %1</source>
        <translation>Ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body •</source>
        <translation>Body •</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Open %1 %2</source>
        <translation>%1 %2 öffnen</translation>
    </message>
    <message>
        <source>%1 Define them in the Variables tab.</source>
        <translation>%1 Definieren Sie sie im Reiter &apos;Variablen&apos;.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop waiting for this request</source>
        <translation>Nicht länger auf diese Anfrage warten</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::ResponseView</name>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Rohdaten</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Send a request to see the response here.</source>
        <translation>Senden Sie eine Anfrage, um hier die Antwort zu sehen.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Waiting for the answer…</source>
        <translation>Warten auf Antwort…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The response has no body.</source>
        <translation>Die Antwort hat keinen Body.</translation>
    </message>
    <message>
        <source>Binary content (%1, %2) is not shown as text.</source>
        <translation>Binärer Inhalt (%1, %2) wird nicht als Text angezeigt.</translation>
    </message>
    <message>
        <source>no Content-Type</source>
        <translation>kein Content-Type</translation>
    </message>
    <message>
        <source>[%1 of binary content]</source>
        <translation>[%1 Binärdaten]</translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation>Header (%1)</translation>
    </message>
    <message>
        <source>… Showing the first %1 of %2 characters; the rest is not shown.</source>
        <translation>… Es werden nur die ersten %1 von %2 Zeichen angezeigt.</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 Byte</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::TargetSelector</name>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Custom endpoint…</source>
        <translation>Benutzerdefinierter Endpunkt…</translation>
    </message>
    <message>
        <source>Where requests go: the embedded emulator, an AWS profile, or a custom endpoint.</source>
        <translation>Ziel der Anfragen: der eingebettete Emulator, ein AWS-Profil oder ein benutzerdefinierter Endpunkt.</translation>
    </message>
    <message>
        <source>Some lines of the AWS config files were skipped:</source>
        <translation>Einige Zeilen der AWS-Konfigurationsdateien wurden übersprungen:</translation>
    </message>
</context>
<context>
    <name>gui</name>
    <message>
        <source>Lab folder to load into the emulator.</source>
        <translation>Lab-Ordner, der in den Emulator geladen wird.</translation>
    </message>
    <message>
        <source>Emulator port (default 4577).</source>
        <translation>Emulator-Port (Standard: 4577).</translation>
    </message>
</context>
</TS>
