<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Gatehouse::Core::Aws::AwsConfig</name>
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
        <source>expected &apos;name = value&apos; inside &apos;%1&apos;</source>
        <translation>erwartet wurde &apos;name = value&apos; innerhalb von &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 line %2: %3; the line was skipped.</source>
        <translation>%1, Zeile %2: %3; die Zeile wurde übersprungen.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the command ends with a lone backslash</source>
        <translation>der Befehl endet mit einem einzelnen Backslash</translation>
    </message>
    <message>
        <source>a %1 quote is not closed</source>
        <translation>ein Anführungszeichen %1 wird nicht geschlossen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::Aws::CredentialChain</name>
    <message>
        <source>environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not.</source>
        <translation>AWS_SECRET_ACCESS_KEY ist gesetzt, AWS_ACCESS_KEY_ID aber nicht.</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.</source>
        <translation>AWS_ACCESS_KEY_ID ist gesetzt, AWS_SECRET_ACCESS_KEY aber nicht.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has no credentials: add aws_access_key_id and aws_secret_access_key to [%1] in %2, or credential_process, role_arn with source_profile, or sso_session to it in %3.</source>
        <translation>Profil &apos;%1&apos; hat keine Anmeldedaten: Tragen Sie aws_access_key_id und aws_secret_access_key unter [%1] in %2 ein oder tragen Sie credential_process, role_arn mit source_profile oder sso_session für das Profil in %3 ein.</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos;</source>
        <translation>Profil &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has only one of aws_access_key_id and aws_secret_access_key; both are needed.</source>
        <translation>Profil &apos;%1&apos; hat nur einen der Werte aws_access_key_id und aws_secret_access_key; beide werden benötigt.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; assumes a role, but no STS client was given to assume it.</source>
        <translation>Profil &apos;%1&apos; übernimmt eine Rolle, aber es wurde kein STS-Client angegeben, um sie zu übernehmen.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; needs an MFA code (mfa_serial), which Gatehouse cannot ask for yet.</source>
        <translation>Profil &apos;%1&apos; benötigt einen MFA-Code (mfa_serial), den Gatehouse noch nicht abfragen kann.</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; (assumed role %2)</source>
        <translation>Profil &apos;%1&apos; (übernommene Rolle %2)</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; sets both source_profile and credential_source; keep one.</source>
        <translation>Profil &apos;%1&apos; setzt sowohl source_profile als auch credential_source; behalten Sie nur eines davon.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has role_arn but neither source_profile nor credential_source.</source>
        <translation>Profil &apos;%1&apos; hat role_arn, aber weder source_profile noch credential_source.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; names source_profile &apos;%2&apos;, which is not in %3 or %4.</source>
        <translation>Profil &apos;%1&apos; nennt source_profile &apos;%2&apos;, das weder in %3 noch in %4 steht.</translation>
    </message>
    <message>
        <source>The source_profile chain of profile &apos;%1&apos; loops: %2.</source>
        <translation>Die source_profile-Kette von Profil &apos;%1&apos; bildet eine Schleife: %2.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has credential_source = %2; Gatehouse supports only Environment (Ec2InstanceMetadata and EcsContainer need an AWS host).</source>
        <translation>Profil &apos;%1&apos; hat credential_source = %2; Gatehouse unterstützt nur Environment (Ec2InstanceMetadata und EcsContainer erfordern einen AWS-Host).</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.</source>
        <translation>Profil &apos;%1&apos; hat credential_source = Environment, aber AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY sind nicht gesetzt.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has duration_seconds = %2; STS accepts 900 to 43200 seconds.</source>
        <translation>Profil &apos;%1&apos; hat duration_seconds = %2; STS akzeptiert 900 bis 43200 Sekunden.</translation>
    </message>
    <message>
        <source>default credentials chain (environment, then profile &apos;%1&apos;)</source>
        <translation>Standardkette für Anmeldedaten (Umgebungsvariablen, dann Profil &apos;%1&apos;)</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; is not in %2 or %3.</source>
        <translation>Das Profil &apos;%1&apos; steht weder in %2 noch in %3.</translation>
    </message>
    <message>
        <source>No AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or add keys to profile &apos;%1&apos; in %2, or credential_process, role_arn or sso_session to it in %3.</source>
        <translation>Keine AWS-Anmeldedaten gefunden: Setzen Sie AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, tragen Sie Schlüssel für das Profil &apos;%1&apos; in %2 ein oder tragen Sie credential_process, role_arn oder sso_session für das Profil in %3 ein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::Aws::CredentialProcess</name>
    <message>
        <source>credential_process of profile &apos;%1&apos; %2</source>
        <translation>credential_process von Profil &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>printed JSON without %1.</source>
        <translation>hat JSON ohne %1 ausgegeben.</translation>
    </message>
    <message>
        <source>printed a %1 that is not a string.</source>
        <translation>hat ein Feld %1 ausgegeben, das keine Zeichenkette ist.</translation>
    </message>
    <message>
        <source>crashed. %1</source>
        <translation>ist abgestürzt. %1</translation>
    </message>
    <message>
        <source>failed with exit code %1: %2</source>
        <translation>ist mit Exit-Code %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>(no output on stderr)</source>
        <translation>(keine Ausgabe auf stderr)</translation>
    </message>
    <message>
        <source>did not print JSON (expected {&quot;Version&quot;: 1, &quot;AccessKeyId&quot;: ..., &quot;SecretAccessKey&quot;: ...}).</source>
        <translation>hat kein JSON ausgegeben (erwartet: {&quot;Version&quot;: 1, &quot;AccessKeyId&quot;: ..., &quot;SecretAccessKey&quot;: ...}).</translation>
    </message>
    <message>
        <source>printed JSON that is not an object.</source>
        <translation>hat JSON ausgegeben, das kein Objekt ist.</translation>
    </message>
    <message>
        <source>printed JSON without &quot;Version&quot;: 1 (the only version the AWS CLI supports).</source>
        <translation>hat JSON ohne &quot;Version&quot;: 1 ausgegeben (die einzige Version, die die AWS CLI unterstützt).</translation>
    </message>
    <message>
        <source>printed an Expiration that is not an ISO 8601 time: &apos;%1&apos;.</source>
        <translation>hat eine Expiration ausgegeben, die keine ISO-8601-Zeitangabe ist: &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>printed an empty AccessKeyId or SecretAccessKey.</source>
        <translation>hat eine leere AccessKeyId oder einen leeren SecretAccessKey ausgegeben.</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; (credential_process)</source>
        <translation>Profil &apos;%1&apos; (credential_process)</translation>
    </message>
    <message>
        <source>is empty.</source>
        <translation>ist leer.</translation>
    </message>
    <message>
        <source>cannot be split into words: %1.</source>
        <translation>lässt sich nicht in Wörter zerlegen: %1.</translation>
    </message>
    <message>
        <source>did not finish within %1 s; it was stopped.</source>
        <translation>ist nicht innerhalb von %1 s fertig geworden; der Prozess wurde abgebrochen.</translation>
    </message>
    <message>
        <source>could not start &apos;%1&apos;: %2.</source>
        <translation>konnte &apos;%1&apos; nicht starten: %2.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::Aws::EndpointResolver</name>
    <message>
        <source>The endpoint URL &apos;%1&apos; from %2 has no scheme: write it as https://%1 or http://%1.</source>
        <translation>Die Endpunkt-URL &apos;%1&apos; aus %2 hat kein Schema: Schreiben Sie sie als https://%1 oder http://%1.</translation>
    </message>
    <message>
        <source>The endpoint URL &apos;%1&apos; from %2 is not a valid http:// or https:// URL with a host.</source>
        <translation>Die Endpunkt-URL &apos;%1&apos; aus %2 ist keine gültige http://- oder https://-URL mit Host.</translation>
    </message>
    <message>
        <source>[services %1] %2 in %3</source>
        <translation>[services %1] %2 in %3</translation>
    </message>
    <message>
        <source>endpoint_url of profile &apos;%1&apos;</source>
        <translation>endpoint_url von Profil &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an AWS region of a known partition: %2.</source>
        <translation>&apos;%1&apos; ist keine AWS-Region einer bekannten Partition: %2.</translation>
    </message>
    <message>
        <source>No AWS region is set: set AWS_REGION, or add &apos;region = ...&apos; to profile &apos;%1&apos; in %2.</source>
        <translation>Keine AWS-Region festgelegt: Setzen Sie AWS_REGION oder tragen Sie &apos;region = ...&apos; für das Profil &apos;%1&apos; in %2 ein.</translation>
    </message>
    <message>
        <source>Gatehouse has no endpoint data for the service &apos;%1&apos;; known services: %2.</source>
        <translation>Gatehouse hat keine Endpunktdaten für den Dienst &apos;%1&apos;; bekannte Dienste: %2.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::Aws::SsoCredentials</name>
    <message>
        <source>run &apos;aws sso login --profile %1&apos;</source>
        <translation>führen Sie &apos;aws sso login --profile %1&apos; aus</translation>
    </message>
    <message>
        <source>IAM Identity Center profile &apos;%1&apos;: %2</source>
        <translation>IAM-Identity-Center-Profil &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>%1 is missing in %2.</source>
        <translation>%1 fehlt in %2.</translation>
    </message>
    <message>
        <source>the portal answered HTTP %1 with something that is not JSON.</source>
        <translation>Das Portal hat mit HTTP %1 und einem Inhalt geantwortet, der kein JSON ist.</translation>
    </message>
    <message>
        <source>the portal refused GetRoleCredentials (HTTP %1: %2); %3.</source>
        <translation>Das Portal hat GetRoleCredentials abgelehnt (HTTP %1: %2); %3.</translation>
    </message>
    <message>
        <source>the portal&apos;s answer has no complete roleCredentials.</source>
        <translation>Die Antwort des Portals enthält keine vollständigen roleCredentials.</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; (IAM Identity Center)</source>
        <translation>Profil &apos;%1&apos; (IAM Identity Center)</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; of %2</source>
        <translation>Profil &apos;%1&apos; in %2</translation>
    </message>
    <message>
        <source>it names sso_session &apos;%1&apos; but %2 has no [sso-session %1] section.</source>
        <translation>Es nennt sso_session &apos;%1&apos;, aber %2 hat keinen Abschnitt [sso-session %1].</translation>
    </message>
    <message>
        <source>[sso-session %1] of %2</source>
        <translation>[sso-session %1] in %2</translation>
    </message>
    <message>
        <source>no cached sign-in token (%1); %2.</source>
        <translation>Kein zwischengespeichertes Anmeldetoken (%1); %2.</translation>
    </message>
    <message>
        <source>the cached token %1 has no accessToken and expiresAt; %2.</source>
        <translation>Das zwischengespeicherte Token %1 enthält kein accessToken und expiresAt; %2.</translation>
    </message>
    <message>
        <source>the sign-in token expired at %1; %2.</source>
        <translation>Das Anmeldetoken ist seit %1 abgelaufen; %2.</translation>
    </message>
    <message>
        <source>IAM Identity Center profile &apos;%1&apos;: the portal could not be reached: %2</source>
        <translation>IAM-Identity-Center-Profil &apos;%1&apos;: Das Portal war nicht erreichbar: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::ConnectionListModel</name>
    <message>
        <source>%1
connected %2
last active %3
%4 %5</source>
        <translation>%1
verbunden %2
zuletzt aktiv %3
%4 %5</translation>
    </message>
    <message>
        <source>Connection id</source>
        <translation>Verbindungs-ID</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Last active</source>
        <translation>Zuletzt aktiv</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>Principal</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::GraphQL::CompletionEngine</name>
    <message>
        <source>operation: read data</source>
        <translation>Operation: Daten lesen</translation>
    </message>
    <message>
        <source>operation: change data</source>
        <translation>Operation: Daten ändern</translation>
    </message>
    <message>
        <source>operation: receive events</source>
        <translation>Operation: Ereignisse empfangen</translation>
    </message>
    <message>
        <source>reusable selection set</source>
        <translation>wiederverwendbares Selection Set</translation>
    </message>
    <message>
        <source>inline fragment on a type</source>
        <translation>Inline-Fragment auf einem Typ</translation>
    </message>
    <message>
        <source>the type this fragment applies to</source>
        <translation>der Typ, für den dieses Fragment gilt</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::GraphQL::Lexer</name>
    <message>
        <source>byte 0x%1 (the source is not UTF-8)</source>
        <translation>Byte 0x%1 (die Quelle ist kein UTF-8)</translation>
    </message>
    <message>
        <source>Unexpected character: &quot;.&quot;; a spread is written &quot;...&quot;</source>
        <translation>Unerwartetes Zeichen: &quot;.&quot;; ein Spread wird &quot;...&quot; geschrieben</translation>
    </message>
    <message>
        <source>Unexpected single quote character (&apos;); strings are written in double quotes (&quot;)</source>
        <translation>Unerwartetes einfaches Anführungszeichen (&apos;); Strings werden in doppelte Anführungszeichen (&quot;) gesetzt</translation>
    </message>
    <message>
        <source>Unexpected character: %1</source>
        <translation>Unerwartetes Zeichen: %1</translation>
    </message>
    <message>
        <source>Invalid number, expected digit but got: %1</source>
        <translation>Ungültige Zahl, Ziffer erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <source>Invalid number, unexpected digit after 0: %1</source>
        <translation>Ungültige Zahl, unerwartete Ziffer nach 0: %1</translation>
    </message>
    <message>
        <source>Invalid Unicode escape sequence: &quot;%1&quot;; write \uXXXX, a surrogate pair \uD83D\uDE00 or \u{1F600}</source>
        <translation>Ungültige Unicode-Escape-Sequenz: &quot;%1&quot;; schreiben Sie \uXXXX, ein Surrogatpaar \uD83D\uDE00 oder \u{1F600}</translation>
    </message>
    <message>
        <source>Invalid character escape sequence: &quot;\%1&quot;</source>
        <translation>Ungültige Escape-Sequenz: &quot;\%1&quot;</translation>
    </message>
    <message>
        <source>Invalid character within String: %1</source>
        <translation>Ungültiges Zeichen in String: %1</translation>
    </message>
    <message>
        <source>Unterminated string: a &quot;...&quot; string ends on the same line; use a &quot;&quot;&quot;block string&quot;&quot;&quot; for several lines</source>
        <translation>Nicht abgeschlossener String: Ein &quot;...&quot;-String endet in derselben Zeile; verwenden Sie für mehrere Zeilen einen &quot;&quot;&quot;Block-String&quot;&quot;&quot;</translation>
    </message>
    <message>
        <source>Unterminated string: the block string has no closing &quot;&quot;&quot;</source>
        <translation>Nicht abgeschlossener String: Dem Block-String fehlt das schließende &quot;&quot;&quot;</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::GraphQL::Parser</name>
    <message>
        <source>Expected %1, found %2</source>
        <translation>%1 erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>Expected &quot;%1&quot;, found %2</source>
        <translation>&quot;%1&quot; erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>Expected the end of the input, found %1</source>
        <translation>Ende der Eingabe erwartet, %1 gefunden</translation>
    </message>
    <message>
        <source>the start of the next definition</source>
        <translation>der Beginn der nächsten Definition</translation>
    </message>
    <message>
        <source>Unexpected %1</source>
        <translation>Unerwartet: %1</translation>
    </message>
    <message>
        <source>Unexpected description: descriptions are allowed only on type system definitions, not on &quot;%1&quot;</source>
        <translation>Unerwartete Beschreibung: Beschreibungen sind nur bei Typsystem-Definitionen erlaubt, nicht bei &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Unexpected %1: a definition starts with &quot;{&quot;, query, mutation, subscription, fragment, a type system keyword or extend</source>
        <translation>Unerwartet: %1; eine Definition beginnt mit &quot;{&quot;, query, mutation, subscription, fragment, einem Typsystem-Schlüsselwort oder extend</translation>
    </message>
    <message>
        <source>Unexpected Name &quot;on&quot;: a fragment needs a name before its type condition</source>
        <translation>Unerwarteter Name &quot;on&quot;: Ein Fragment braucht vor seiner Typbedingung einen Namen</translation>
    </message>
    <message>
        <source>Unexpected variable &quot;$%1&quot; in a constant value: defaults and schema values cannot use variables</source>
        <translation>Unerwartete Variable &quot;$%1&quot; in einem konstanten Wert: Standardwerte und Schemawerte können keine Variablen verwenden</translation>
    </message>
    <message>
        <source>Expected a value, found %1</source>
        <translation>Wert erwartet, %1 gefunden</translation>
    </message>
    <message>
        <source>Unexpected Name &quot;directive&quot;: directive definitions cannot be extended</source>
        <translation>Unerwarteter Name &quot;directive&quot;: Direktivendefinitionen können nicht erweitert werden</translation>
    </message>
    <message>
        <source>Unexpected Name &quot;%1&quot;: not a directive location (QUERY, FIELD, OBJECT, FIELD_DEFINITION, ...)</source>
        <translation>Unerwarteter Name &quot;%1&quot;: kein Direktiven-Ort (QUERY, FIELD, OBJECT, FIELD_DEFINITION, ...)</translation>
    </message>
    <message>
        <source>Name &quot;%1&quot; is reserved and cannot be used for an enum value</source>
        <translation>Der Name &quot;%1&quot; ist reserviert und kann nicht als Enum-Wert verwendet werden</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::GraphQL::TraceModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Dir.</source>
        <translation>Richt.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Subscription</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
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
    <name>Gatehouse::Core::JsonTreeModel</name>
    <message>
        <source>(document)</source>
        <translation>(Dokument)</translation>
    </message>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n Eintrag}</numerusform>
            <numerusform>{%n Einträge}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::MessageLog</name>
    <message>
        <source>Could not write the messages: %1</source>
        <translation>Die Nachrichten konnten nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::MessageLogFilter</name>
    <message>
        <source>The regular expression is invalid at position %1: %2</source>
        <translation>Der reguläre Ausdruck ist an Position %1 ungültig: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::MessageSnippets</name>
    <message>
        <source>The saved messages in %1 could not be read (%2). The file is kept as it is and nothing is saved over it; fix it or move it away, then restart.</source>
        <translation>Die gespeicherten Nachrichten in %1 konnten nicht gelesen werden (%2). Die Datei bleibt unverändert und wird nicht überschrieben; korrigieren oder verschieben Sie sie und starten Sie dann neu.</translation>
    </message>
    <message>
        <source>not JSON at offset %1: %2</source>
        <translation>kein JSON an Offset %1: %2</translation>
    </message>
    <message>
        <source>no &quot;snippets&quot; list</source>
        <translation>keine &quot;snippets&quot;-Liste</translation>
    </message>
    <message>
        <source>snippet %1 needs a name, a body and a kind of text, json or hex</source>
        <translation>Snippet %1 braucht einen Namen, einen Inhalt und eine Art (text, json oder hex)</translation>
    </message>
    <message>
        <source>Give the message a name to save it under.</source>
        <translation>Geben Sie einen Namen an, unter dem die Nachricht gespeichert wird.</translation>
    </message>
    <message>
        <source>A saved message is already called &quot;%1&quot;; choose another name.</source>
        <translation>Eine gespeicherte Nachricht heißt bereits &quot;%1&quot;; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Choose a saved message first.</source>
        <translation>Wählen Sie zuerst eine gespeicherte Nachricht.</translation>
    </message>
    <message>
        <source>No file to save the messages in.</source>
        <translation>Keine Datei zum Speichern der Nachrichten.</translation>
    </message>
    <message>
        <source>Could not save the messages in %1: %2</source>
        <translation>Die Nachrichten konnten nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::OAuth2::AuthorizationCodeFlow</name>
    <message>
        <source>Waiting for the browser to come back to %1…</source>
        <translation>Warte darauf, dass der Browser zu %1 zurückkehrt…</translation>
    </message>
    <message>
        <source>The redirect&apos;s state does not match the sign-in Gatehouse started, so it was ignored (another sign-in, or a forged redirect). Start again.</source>
        <translation>Der state der Weiterleitung passt nicht zu der Anmeldung, die Gatehouse gestartet hat, daher wurde sie ignoriert (eine andere Anmeldung oder eine gefälschte Weiterleitung). Beginnen Sie erneut.</translation>
    </message>
    <message>
        <source>The sign-in page refused: %1%2</source>
        <translation>Die Anmeldeseite hat abgelehnt: %1%2</translation>
    </message>
    <message>
        <source>The redirect carried no authorization code.</source>
        <translation>Die Weiterleitung enthielt keinen Autorisierungscode.</translation>
    </message>
    <message>
        <source>Exchanging the authorization code at %1…</source>
        <translation>Autorisierungscode wird bei %1 eingelöst…</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::OAuth2::ClientCredentialsFlow</name>
    <message>
        <source>client_credentials needs the app client&apos;s id and secret (a client with a secret).</source>
        <translation>client_credentials benötigt die ID und das Client-Geheimnis des App-Clients (ein Client mit Geheimnis).</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::OAuth2::TokenManager</name>
    <message>
        <source>Requesting a token (client credentials) from %1…</source>
        <translation>Token wird bei %1 angefordert (Client Credentials)…</translation>
    </message>
    <message>
        <source>Refreshing the token…</source>
        <translation>Token wird erneuert…</translation>
    </message>
    <message>
        <source>Signing in to %1 as %2…</source>
        <translation>Anmeldung bei %1 als %2…</translation>
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
    <message>
        <source>The emulator is not running: start it, or choose another target.</source>
        <translation>Der Emulator läuft nicht: Starten Sie ihn oder wählen Sie ein anderes Ziel.</translation>
    </message>
    <message>
        <source>The custom target has no endpoint URL.</source>
        <translation>Das benutzerdefinierte Ziel hat keine Endpunkt-URL.</translation>
    </message>
    <message>
        <source>the emulator&apos;s default keys</source>
        <translation>die Standardschlüssel des Emulators</translation>
    </message>
    <message>
        <source>no region</source>
        <translation>keine Region</translation>
    </message>
    <message>
        <source>Emulator keys (%1) · %2</source>
        <translation>Emulator-Schlüssel (%1) · %2</translation>
    </message>
    <message>
        <source>Profile %1 · %2</source>
        <translation>Profil %1 · %2</translation>
    </message>
    <message>
        <source>Default credentials chain · %1 · %2</source>
        <translation>Standardkette für Anmeldedaten · %1 · %2</translation>
    </message>
    <message>
        <source>Endpoint &apos;%1&apos; carries a user name or password: remove it; endpoints are saved in the settings, and credentials belong in a profile.</source>
        <translation>Endpunkt &apos;%1&apos; enthält einen Benutzernamen oder ein Passwort: Entfernen Sie diese Angaben; Endpunkte werden in den Einstellungen gespeichert, Anmeldedaten gehören in ein Profil.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Core::WebSocketSession</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbinde mit %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>Wird geschlossen</translation>
    </message>
    <message>
        <source>Closed: %1 %2%3</source>
        <translation>Geschlossen: %1 %2%3</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Reconnecting (attempt %1)</source>
        <translation>Verbinde erneut (Versuch %1)</translation>
    </message>
    <message>
        <source>The server refused the WebSocket handshake with HTTP %1 %2; check the URL, the authentication and the headers.</source>
        <translation>Der Server hat den WebSocket-Handshake mit HTTP %1 %2 abgelehnt; prüfen Sie die URL, die Authentifizierung und die Header.</translation>
    </message>
    <message>
        <source>The server refused the WebSocket handshake with HTTP 400 Bad Request; check the URL (a $connect route may want query parameters), the authentication and the headers.</source>
        <translation>Der Server hat den WebSocket-Handshake mit HTTP 400 Bad Request abgelehnt; prüfen Sie die URL (eine $connect-Route erwartet eventuell Abfrageparameter), die Authentifizierung und die Header.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at %1:%2; is the server running?</source>
        <translation>Unter %1:%2 nimmt nichts Verbindungen an; läuft der Server?</translation>
    </message>
    <message>
        <source>The host %1 was not found; check the URL.</source>
        <translation>Der Host %1 wurde nicht gefunden; prüfen Sie die URL.</translation>
    </message>
    <message>
        <source>The TLS handshake failed: %1</source>
        <translation>Der TLS-Handshake ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The server closed the connection without a close frame.</source>
        <translation>Der Server hat die Verbindung ohne Close-Frame geschlossen.</translation>
    </message>
    <message>
        <source>The server closed the connection during the handshake: %1</source>
        <translation>Der Server hat die Verbindung während des Handshakes geschlossen: %1</translation>
    </message>
    <message>
        <source>The server did not answer the WebSocket handshake within %1 s; check that the URL points at a WebSocket endpoint.</source>
        <translation>Der Server hat nicht innerhalb von %1 s auf den WebSocket-Handshake geantwortet; prüfen Sie, ob die URL auf einen WebSocket-Endpunkt zeigt.</translation>
    </message>
    <message>
        <source>The connection ended before the handshake completed.</source>
        <translation>Die Verbindung endete, bevor der Handshake abgeschlossen war.</translation>
    </message>
    <message>
        <source>Closed: 1006 abnormal closure (no close frame); the connection dropped, so anything the server was still sending is lost.</source>
        <translation>Geschlossen: 1006 abnormal closure (kein Close-Frame); die Verbindung ist abgebrochen, daher ist alles verloren, was der Server noch gesendet hat.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::AliasDialog</name>
    <message>
        <source>New alias</source>
        <translation>Neuer Alias</translation>
    </message>
    <message>
        <source>Edit alias %1</source>
        <translation>Alias %1 bearbeiten</translation>
    </message>
    <message>
        <source>e.g. live</source>
        <translation>z. B. live</translation>
    </message>
    <message>
        <source>Send a share of the traffic to another version</source>
        <translation>Einen Teil des Traffics an eine andere Version senden</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>A&amp;dditional version:</source>
        <translation>&amp;Zusätzliche Version:</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::AliasMapWidget</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Aliases and the versions they point at</source>
        <translation>Aliase und die Versionen, auf die sie verweisen</translation>
    </message>
    <message>
        <source>This function has no aliases.</source>
        <translation>Diese Funktion hat keine Aliase.</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliase</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>No aliases yet. Create one to give callers a stable name for a version.</source>
        <translation>Noch keine Aliase. Erstellen Sie einen, um Aufrufern einen festen Namen für eine Version zu geben.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>%1 (preview)</source>
        <translation>%1 (Vorschau)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::AuthPanel</name>
    <message>
        <source>AKIA… or ASIA…</source>
        <translation>AKIA… oder ASIA…</translation>
    </message>
    <message>
        <source>kept in memory only, never saved</source>
        <translation>nur im Arbeitsspeicher gehalten, nie gespeichert</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>e.g. execute-api, lambda, appsync</source>
        <translation>z. B. execute-api, lambda, appsync</translation>
    </message>
    <message>
        <source>e.g. us-east-1</source>
        <translation>z. B. us-east-1</translation>
    </message>
    <message>
        <source>Unsigned payload (sign UNSIGNED-PAYLOAD instead of the body&apos;s hash)</source>
        <translation>Unsignierte Nutzlast (UNSIGNED-PAYLOAD statt des Body-Hashs signieren)</translation>
    </message>
    <message>
        <source>No auth</source>
        <translation>Keine Authentifizierung</translation>
    </message>
    <message>
        <source>AWS Signature V4</source>
        <translation>AWS Signature V4</translation>
    </message>
    <message>
        <source>The request is sent without authentication. Choose AWS Signature V4 to sign it with AWS credentials, for IAM-protected APIs, Lambda, AppSync or the emulator.</source>
        <translation>Die Anfrage wird ohne Authentifizierung gesendet. Wählen Sie AWS Signature V4, um sie mit AWS-Anmeldedaten zu signieren – für IAM-geschützte APIs, Lambda, AppSync oder den Emulator.</translation>
    </message>
    <message>
        <source>Auth:</source>
        <translation>Authentifizierung:</translation>
    </message>
    <message>
        <source>AWS profile</source>
        <translation>AWS-Profil</translation>
    </message>
    <message>
        <source>Access keys</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Temporary credentials</source>
        <translation>Temporäre Anmeldedaten</translation>
    </message>
    <message>
        <source>Credentials:</source>
        <translation>Anmeldedaten:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>Dienst:</translation>
    </message>
    <message>
        <source>default chain: AWS_* variables, AWS_PROFILE or default</source>
        <translation>Standardkette: AWS_*-Variablen, AWS_PROFILE oder default</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Access key ID:</source>
        <translation>Zugriffsschlüssel-ID:</translation>
    </message>
    <message>
        <source>Show the secret key and session token</source>
        <translation>Geheimen Schlüssel und Sitzungstoken anzeigen</translation>
    </message>
    <message>
        <source>Secret access key:</source>
        <translation>Geheimer Zugriffsschlüssel:</translation>
    </message>
    <message>
        <source>Session token:</source>
        <translation>Sitzungstoken:</translation>
    </message>
    <message>
        <source>not guessed: type it</source>
        <translation>nicht erkannt: bitte eingeben</translation>
    </message>
    <message>
        <source>guessed</source>
        <translation>erkannt</translation>
    </message>
    <message>
        <source>Guessed from the URL&apos;s host; type to override</source>
        <translation>Aus dem Host der URL erkannt; zum Überschreiben eintippen</translation>
    </message>
    <message>
        <source>SigV4</source>
        <translation>SigV4</translation>
    </message>
    <message>
        <source>From the toolbar target</source>
        <translation>Vom Ziel in der Werkzeugleiste</translation>
    </message>
    <message>
        <source>Choose the target in the toolbar; the host&apos;s region wins when it names one</source>
        <translation>Wählen Sie das Ziel in der Werkzeugleiste; nennt der Host eine Region, hat sie Vorrang</translation>
    </message>
    <message>
        <source>Signs with:</source>
        <translation>Signiert mit:</translation>
    </message>
    <message>
        <source>from the target</source>
        <translation>vom Ziel</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>Bearer</source>
        <translation>Bearer</translation>
    </message>
    <message>
        <source>Sent as &quot;Authorization: Bearer &lt;token&gt;&quot;. {{variables}} work here. Tokens come from anywhere: pasted, or &quot;Use as Bearer token&quot; in the Auth tool.</source>
        <translation>Wird als &quot;Authorization: Bearer &lt;token&gt;&quot; gesendet. {{variables}} funktionieren hier. Tokens können von überall kommen: eingefügt oder über über &quot;Als Bearer-Token verwenden&quot; im Auth-Werkzeugquot;Als Bearer nutzenüber &quot;Als Bearer-Token verwenden&quot; im Auth-Werkzeugquot; im Auth-Werkzeug.</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Basic auth</source>
        <translation>Basic-Authentifizierung</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>Basic</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>kept in memory only; a {{variable}} is saved as the reference</source>
        <translation>nur im Arbeitsspeicher gehalten; eine {{variable}} wird als Verweis gespeichert</translation>
    </message>
    <message>
        <source>Sent as &quot;Authorization: Basic base64(user:password)&quot; (UTF-8). {{variables}} work here; put the password in a secret variable to keep it out of saved requests.</source>
        <translation>Wird als &quot;Authorization: Basic base64(user:password)&quot; (UTF-8) gesendet. {{variables}} funktionieren hier; legen Sie das Passwort in einer geheimen Variable ab, damit es nicht in gespeicherten Anfragen landet.</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>x-api-key</source>
        <translation>x-api-key</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Query parameter</source>
        <translation>Abfrageparameter</translation>
    </message>
    <message>
        <source>API Gateway REST APIs read the key from the x-api-key header when a method requires one (usage plans).</source>
        <translation>REST-APIs von API Gateway lesen den Schlüssel aus dem Header x-api-key, wenn eine Methode einen verlangt (Nutzungspläne).</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Wert:</translation>
    </message>
    <message>
        <source>Add to:</source>
        <translation>Senden als:</translation>
    </message>
    <message>
        <source>OAuth 2.0</source>
        <translation>OAuth 2.0</translation>
    </message>
    <message>
        <source>Authorization code (with PKCE)</source>
        <translation>Autorisierungscode (mit PKCE)</translation>
    </message>
    <message>
        <source>Client credentials</source>
        <translation>Client Credentials</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>Refresh-Token</translation>
    </message>
    <message>
        <source>Cognito user pool sign-in</source>
        <translation>Anmeldung am Cognito-Benutzerpool</translation>
    </message>
    <message>
        <source>(emulator not running)</source>
        <translation>(Emulator läuft nicht)</translation>
    </message>
    <message>
        <source>us-east-1_AbCdEf123</source>
        <translation>us-east-1_AbCdEf123</translation>
    </message>
    <message>
        <source>empty: AWS in the pool&apos;s region; else e.g. the emulator&apos;s URL</source>
        <translation>leer: AWS in der Region des Pools; sonst z. B. die URL des Emulators</translation>
    </message>
    <message>
        <source>https://&lt;domain&gt;/oauth2/token</source>
        <translation>https://&lt;domain&gt;/oauth2/token</translation>
    </message>
    <message>
        <source>https://&lt;domain&gt;/oauth2/authorize</source>
        <translation>https://&lt;domain&gt;/oauth2/authorize</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>The browser returns to http://127.0.0.1:&lt;port&gt;/callback; the app client must allow that callback URL</source>
        <translation>Der Browser kehrt zu http://127.0.0.1:&lt;port&gt;/callback zurück; der App-Client muss diese Callback-URL erlauben</translation>
    </message>
    <message>
        <source>app client id</source>
        <translation>App-Client-ID</translation>
    </message>
    <message>
        <source>As Basic auth header</source>
        <translation>Als Basic-Auth-Header</translation>
    </message>
    <message>
        <source>In the request body</source>
        <translation>Im Body der Anfrage</translation>
    </message>
    <message>
        <source>space-separated, e.g. openid bakery/orders.read</source>
        <translation>durch Leerzeichen getrennt, z. B. openid bakery/orders.read</translation>
    </message>
    <message>
        <source>optional; some servers want one</source>
        <translation>optional; manche Server verlangen eine</translation>
    </message>
    <message>
        <source>user name or e-mail</source>
        <translation>Benutzername oder E-Mail</translation>
    </message>
    <message>
        <source>Sign in with SRP (the password never leaves this machine)</source>
        <translation>Mit SRP anmelden (das Passwort verlässt diesen Computer nie)</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Access-Token</translation>
    </message>
    <message>
        <source>ID token</source>
        <translation>ID-Token</translation>
    </message>
    <message>
        <source>Authorization header</source>
        <translation>Authorization-Header</translation>
    </message>
    <message>
        <source>empty: the token alone</source>
        <translation>leer: nur das Token</translation>
    </message>
    <message>
        <source>access_token</source>
        <translation>access_token</translation>
    </message>
    <message>
        <source>Grant type:</source>
        <translation>Grant-Typ:</translation>
    </message>
    <message>
        <source>Lab pool:</source>
        <translation>Lab-Pool:</translation>
    </message>
    <message>
        <source>User pool ID:</source>
        <translation>Benutzerpool-ID:</translation>
    </message>
    <message>
        <source>Cognito endpoint:</source>
        <translation>Cognito-Endpunkt:</translation>
    </message>
    <message>
        <source>Token URL:</source>
        <translation>Token-URL:</translation>
    </message>
    <message>
        <source>Authorize URL:</source>
        <translation>Autorisierungs-URL:</translation>
    </message>
    <message>
        <source>Redirect port:</source>
        <translation>Weiterleitungsport:</translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation>Client-ID:</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>Client-Geheimnis:</translation>
    </message>
    <message>
        <source>Client authentication:</source>
        <translation>Client-Authentifizierung:</translation>
    </message>
    <message>
        <source>Refresh token:</source>
        <translation>Refresh-Token:</translation>
    </message>
    <message>
        <source>Scopes:</source>
        <translation>Scopes:</translation>
    </message>
    <message>
        <source>Audience:</source>
        <translation>Zielgruppe:</translation>
    </message>
    <message>
        <source>Send:</source>
        <translation>Senden:</translation>
    </message>
    <message>
        <source>Header prefix:</source>
        <translation>Header-Präfix:</translation>
    </message>
    <message>
        <source>Parameter name:</source>
        <translation>Parametername:</translation>
    </message>
    <message>
        <source>Get new token</source>
        <translation>Neues Token abrufen</translation>
    </message>
    <message>
        <source>Clear token</source>
        <translation>Token verwerfen</translation>
    </message>
    <message>
        <source>View in Auth tab</source>
        <translation>Im Reiter &apos;Auth&apos; anzeigen</translation>
    </message>
    <message>
        <source>required; a {{secret variable}} keeps it out of saved requests</source>
        <translation>erforderlich; mit einer {{geheimen Variable}} landet es nicht in gespeicherten Anfragen</translation>
    </message>
    <message>
        <source>only if the app client has one; kept in memory only</source>
        <translation>nur, falls der App-Client eines hat; nur im Arbeitsspeicher gehalten</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>(no user pool in the lab)</source>
        <translation>(kein Benutzerpool im Lab)</translation>
    </message>
    <message>
        <source>Cannot get a token: %1 Define them in the Variables tab.</source>
        <translation>Token kann nicht abgerufen werden: %1 Definieren Sie sie im Reiter &apos;Variablen&apos;.</translation>
    </message>
    <message>
        <source>No token: %1</source>
        <translation>Kein Token: %1</translation>
    </message>
    <message>
        <source>No token yet: one is fetched when the request is sent, or now with &quot;Get new token&quot;.</source>
        <translation>Noch kein Token: Es wird beim Senden der Anfrage abgerufen oder sofort mit &quot;Neues Token abrufen&quot;.</translation>
    </message>
    <message>
        <source>expires %1 (in %2 min)</source>
        <translation>läuft um %1 ab (in %2 min)</translation>
    </message>
    <message>
        <source>no expiry given</source>
        <translation>ohne Ablaufzeit</translation>
    </message>
    <message>
        <source>Token from %1, %2%3. Renewed by itself before it expires.</source>
        <translation>Token (%1), %2%3. Wird vor dem Ablauf automatisch erneuert.</translation>
    </message>
    <message>
        <source>, with a refresh token</source>
        <translation>, mit Refresh-Token</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::AuthWorkbench</name>
    <message>
        <source>Sign in with the browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <source>Client credentials</source>
        <translation>Client Credentials</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Untersuchen</translation>
    </message>
    <message>
        <source>Access token as Bearer</source>
        <translation>Access-Token als Bearer</translation>
    </message>
    <message>
        <source>ID token as Bearer</source>
        <translation>ID-Token als Bearer</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt erneuern</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Get AWS credentials</source>
        <translation>AWS-Anmeldedaten abrufen</translation>
    </message>
    <message>
        <source>Sign requests with them</source>
        <translation>Anfragen damit signieren</translation>
    </message>
    <message>
        <source>us-east-1:1a2b3c4d-…</source>
        <translation>us-east-1:1a2b3c4d-…</translation>
    </message>
    <message>
        <source>user pool id of the selected ID token, e.g. us-east-1_AbCdEf</source>
        <translation>Benutzerpool-ID des ausgewählten ID-Tokens, z. B. us-east-1_AbCdEf</translation>
    </message>
    <message>
        <source>empty: AWS; or the emulator&apos;s / LocalStack&apos;s URL</source>
        <translation>leer: AWS; oder die URL des Emulators bzw. von LocalStack</translation>
    </message>
    <message>
        <source>https://&lt;prefix&gt;.auth.&lt;region&gt;.amazoncognito.com</source>
        <translation>https://&lt;prefix&gt;.auth.&lt;region&gt;.amazoncognito.com</translation>
    </message>
    <message>
        <source>only for clients with a secret; kept in memory only</source>
        <translation>nur für Clients mit Geheimnis; nur im Arbeitsspeicher gehalten</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>The app client must list http://127.0.0.1:&lt;port&gt;/callback as a callback URL; Cognito compares it exactly, so pick the port it lists.</source>
        <translation>Der App-Client muss http://127.0.0.1:&lt;port&gt;/callback als Callback-URL eingetragen haben; Cognito vergleicht sie exakt, wählen Sie also den dort eingetragenen Port.</translation>
    </message>
    <message>
        <source>Domain:</source>
        <translation>Domain:</translation>
    </message>
    <message>
        <source>App client id:</source>
        <translation>App-Client-ID:</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>Client-Geheimnis:</translation>
    </message>
    <message>
        <source>Scopes:</source>
        <translation>Scopes:</translation>
    </message>
    <message>
        <source>Redirect port:</source>
        <translation>Weiterleitungsport:</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Tokens of this session (memory only)</source>
        <translation>Tokens dieser Sitzung (nur im Arbeitsspeicher)</translation>
    </message>
    <message>
        <source>Identity pool (federated identities)</source>
        <translation>Identitätspool (föderierte Identitäten)</translation>
    </message>
    <message>
        <source>Identity pool:</source>
        <translation>Identitätspool:</translation>
    </message>
    <message>
        <source>User pool:</source>
        <translation>Benutzerpool:</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>hosted UI</source>
        <translation>Hosted UI</translation>
    </message>
    <message>
        <source>client credentials</source>
        <translation>Client Credentials</translation>
    </message>
    <message>
        <source>Refreshed the tokens of %1.</source>
        <translation>Die Tokens von %1 wurden erneuert.</translation>
    </message>
    <message>
        <source>Refresh failed: %1</source>
        <translation>Erneuern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Give the hosted UI&apos;s domain, e.g. https://bakery.auth.us-east-1.amazoncognito.com.</source>
        <translation>Geben Sie die Domain der Hosted UI an, z. B. https://bakery.auth.us-east-1.amazoncognito.com.</translation>
    </message>
    <message>
        <source>Opening the sign-in page in the browser (PKCE S256, redirect to %1).</source>
        <translation>Die Anmeldeseite wird im Browser geöffnet (PKCE S256, Weiterleitung an %1).</translation>
    </message>
    <message>
        <source>Could not open a browser. Open this address yourself: %1</source>
        <translation>Es konnte kein Browser geöffnet werden. Öffnen Sie diese Adresse selbst: %1</translation>
    </message>
    <message>
        <source>Asking %1 for a token with client_credentials…</source>
        <translation>Token wird bei %1 mit client_credentials angefordert…</translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation>%1 über %2</translation>
    </message>
    <message>
        <source>Tokens received (%1): %2%3%4; they expire in %5 min.</source>
        <translation>Tokens erhalten (%1): %2%3%4; sie laufen in %5 min ab.</translation>
    </message>
    <message>
        <source>ID, </source>
        <translation>ID, </translation>
    </message>
    <message>
        <source>access</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>, refresh</source>
        <translation>, Refresh</translation>
    </message>
    <message>
        <source>Select a sign-in with an ID token first: the identity pool takes the user pool&apos;s ID token as its login.</source>
        <translation>Wählen Sie zuerst eine Anmeldung mit ID-Token: Der Identitätspool nimmt das ID-Token des Benutzerpools als Login.</translation>
    </message>
    <message>
        <source>GetId and GetCredentialsForIdentity at %1…</source>
        <translation>GetId und GetCredentialsForIdentity bei %1…</translation>
    </message>
    <message>
        <source>Temporary credentials %1 (secret hidden), valid until %2 UTC.</source>
        <translation>Temporäre Anmeldedaten %1 (geheimer Schlüssel verborgen), gültig bis %2 UTC.</translation>
    </message>
    <message>
        <source>The identity pool issued temporary credentials %1.</source>
        <translation>Der Identitätspool hat temporäre Anmeldedaten %1 ausgestellt.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign up</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Set new password</source>
        <translation>Neues Passwort setzen</translation>
    </message>
    <message>
        <source>Sign out everywhere</source>
        <translation>Überall abmelden</translation>
    </message>
    <message>
        <source>User pool</source>
        <translation>Benutzerpool</translation>
    </message>
    <message>
        <source>Hosted UI / OAuth2</source>
        <translation>Hosted UI / OAuth2</translation>
    </message>
    <message>
        <source>The user pools of the lab the emulator runs; choosing one fills in the form.</source>
        <translation>Die Benutzerpools des Labs, das der Emulator ausführt; eine Auswahl füllt das Formular aus.</translation>
    </message>
    <message>
        <source>empty: AWS; or the emulator&apos;s URL</source>
        <translation>leer: AWS; oder die URL des Emulators</translation>
    </message>
    <message>
        <source>us-east-1_AbCdEf123</source>
        <translation>us-east-1_AbCdEf123</translation>
    </message>
    <message>
        <source>only if the client has one</source>
        <translation>nur, falls der Client eines hat</translation>
    </message>
    <message>
        <source>name or e-mail</source>
        <translation>Name oder E-Mail</translation>
    </message>
    <message>
        <source>memory only, never traced</source>
        <translation>nur im Arbeitsspeicher, nie im Ablauf</translation>
    </message>
    <message>
        <source>SRP (USER_SRP_AUTH)</source>
        <translation>SRP (USER_SRP_AUTH)</translation>
    </message>
    <message>
        <source>Password (USER_PASSWORD_AUTH)</source>
        <translation>Passwort (USER_PASSWORD_AUTH)</translation>
    </message>
    <message>
        <source>Secure Remote Password: the password itself never leaves this computer.</source>
        <translation>Secure Remote Password: Das Passwort selbst verlässt diesen Computer nie.</translation>
    </message>
    <message>
        <source>The password goes to Cognito (over TLS on AWS); the app client must allow ALLOW_USER_PASSWORD_AUTH.</source>
        <translation>Das Passwort geht an Cognito (bei AWS über TLS); der App-Client muss ALLOW_USER_PASSWORD_AUTH erlauben.</translation>
    </message>
    <message>
        <source>Create the user with this name and password (and the e-mail attribute when the name is an e-mail address); Cognito sends a confirmation code.</source>
        <translation>Legt den Benutzer mit diesem Namen und Passwort an (und mit dem E-Mail-Attribut, wenn der Name eine E-Mail-Adresse ist); Cognito sendet einen Bestätigungscode.</translation>
    </message>
    <message>
        <source>6 digits, from the e-mail</source>
        <translation>6 Ziffern, aus der E-Mail</translation>
    </message>
    <message>
        <source>GlobalSignOut: Cognito revokes every refresh token of this user; access tokens already issued stay valid until they expire, except at Cognito itself.</source>
        <translation>GlobalSignOut: Cognito widerruft alle Refresh-Tokens dieses Benutzers; bereits ausgestellte Access-Tokens bleiben bis zu ihrem Ablauf gültig, außer bei Cognito selbst.</translation>
    </message>
    <message>
        <source>Lab pool:</source>
        <translation>Lab-Pool:</translation>
    </message>
    <message>
        <source>User pool id:</source>
        <translation>Benutzerpool-ID:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Verfahren:</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Neues Passwort:</translation>
    </message>
    <message>
        <source>(emulator not running)</source>
        <translation>(Emulator läuft nicht)</translation>
    </message>
    <message>
        <source>%1 (%2 ms)
    sent: %3
    got: %4</source>
        <translation>%1 (%2 ms)
    gesendet: %3
    erhalten: %4</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>(no user pool in the lab)</source>
        <translation>(kein Benutzerpool im Lab)</translation>
    </message>
    <message>
        <source>Give the user&apos;s name (or e-mail, if the pool signs in by e-mail).</source>
        <translation>Geben Sie den Benutzernamen an (oder die E-Mail-Adresse, wenn der Pool per E-Mail anmeldet).</translation>
    </message>
    <message>
        <source>Give the user&apos;s password.</source>
        <translation>Geben Sie das Passwort des Benutzers an.</translation>
    </message>
    <message>
        <source>The endpoint &apos;%1&apos; is not an http(s) URL; leave it empty for AWS or give the emulator&apos;s, e.g. http://127.0.0.1:4577.</source>
        <translation>Der Endpunkt &apos;%1&apos; ist keine http(s)-URL; lassen Sie ihn für AWS leer oder geben Sie die des Emulators an, z. B. http://127.0.0.1:4577.</translation>
    </message>
    <message>
        <source>Signing in %1 to %2 with %3…</source>
        <translation>%1 wird bei %2 mit %3 angemeldet…</translation>
    </message>
    <message>
        <source>SRP</source>
        <translation>SRP</translation>
    </message>
    <message>
        <source>the password</source>
        <translation>dem Passwort</translation>
    </message>
    <message>
        <source> Enter the code Cognito sent and press Confirm.</source>
        <translation> Geben Sie den Code ein, den Cognito gesendet hat, und klicken Sie auf &apos;Bestätigen&apos;.</translation>
    </message>
    <message>
        <source> Check the user name and password; for SRP also the pool id, which is part of the hash.</source>
        <translation> Prüfen Sie Benutzername und Passwort; bei SRP auch die Pool-ID, die in den Hash eingeht.</translation>
    </message>
    <message>
        <source>Cognito asks for a new password (NEW_PASSWORD_REQUIRED): the user was created with a temporary one. Choose a new password and press Set new password.</source>
        <translation>Cognito verlangt ein neues Passwort (NEW_PASSWORD_REQUIRED): Der Benutzer wurde mit einem temporären angelegt. Wählen Sie ein neues Passwort und klicken Sie auf &apos;Neues Passwort setzen&apos;.</translation>
    </message>
    <message>
        <source>Cognito asks for the challenge %1, which Gatehouse does not answer yet.</source>
        <translation>Cognito stellt die Challenge %1, die Gatehouse noch nicht beantwortet.</translation>
    </message>
    <message>
        <source>%1 @ %2 (%3)</source>
        <translation>%1 @ %2 (%3)</translation>
    </message>
    <message>
        <source>Signed in: ID, access and refresh tokens; they expire in %1 min and renew a minute before.</source>
        <translation>Angemeldet: ID-, Access- und Refresh-Token; sie laufen in %1 min ab und werden eine Minute vorher erneuert.</translation>
    </message>
    <message>
        <source>%1 is signed up and confirmed; sign in now.</source>
        <translation>%1 ist registriert und bestätigt; melden Sie sich jetzt an.</translation>
    </message>
    <message>
        <source>Cognito sent a confirmation code by %1 to %2.</source>
        <translation>Cognito hat einen Bestätigungscode per %1 an %2 gesendet.</translation>
    </message>
    <message>
        <source>The emulator sends no mail: the confirmation code is in the emulator&apos;s log (the line &apos;confirmation code for user …&apos;).</source>
        <translation>Der Emulator versendet keine E-Mails: Der Bestätigungscode steht in seinem Protokoll (die Zeile &apos;confirmation code for user …&apos;).</translation>
    </message>
    <message>
        <source>%1 is signed up (sub %2). %3 Enter it under Code and press Confirm.</source>
        <translation>%1 ist registriert (sub %2). %3 Geben Sie ihn unter &apos;Code&apos; ein und klicken Sie auf &apos;Bestätigen&apos;.</translation>
    </message>
    <message>
        <source>Enter the confirmation code first.</source>
        <translation>Geben Sie zuerst den Bestätigungscode ein.</translation>
    </message>
    <message>
        <source>%1 is confirmed; sign in now.</source>
        <translation>%1 ist bestätigt; melden Sie sich jetzt an.</translation>
    </message>
    <message>
        <source>No sign-in is waiting for a new password; sign in first.</source>
        <translation>Keine Anmeldung wartet auf ein neues Passwort; melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>Type the new password first.</source>
        <translation>Geben Sie zuerst das neue Passwort ein.</translation>
    </message>
    <message>
        <source>Signed %1 out everywhere: Cognito revoked the refresh tokens. The tokens stay in the list for inspection; refreshing them now fails.</source>
        <translation>%1 wurde überall abgemeldet: Cognito hat die Refresh-Tokens widerrufen. Die Tokens bleiben zur Untersuchung in der Liste; Erneuern schlägt jetzt fehl.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::AwsKeysForm</name>
    <message>
        <source>AWS profile</source>
        <translation>AWS-Profil</translation>
    </message>
    <message>
        <source>Temporary credentials</source>
        <translation>Temporäre Anmeldedaten</translation>
    </message>
    <message>
        <source>default chain: AWS_* variables, AWS_PROFILE or default</source>
        <translation>Standardkette: AWS_*-Variablen, AWS_PROFILE oder default</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Session token (optional)</source>
        <translation>Sitzungstoken (optional)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::CollectionSettingsDialog</name>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Collection Settings</source>
        <translation>Sammlungseinstellungen</translation>
    </message>
    <message>
        <source>Add a variable, use it as {{name}}</source>
        <translation>Variable hinzufügen, Verwendung als {{name}}</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>Used as {{name}} by every request of the collection; an environment&apos;s variables override them, the Variables tab overrides both.</source>
        <translation>Werden von jeder Anfrage der Sammlung als {{name}} verwendet; die Variablen einer Umgebung haben Vorrang, der Reiter &apos;Variablen&apos; hat Vorrang vor beiden.</translation>
    </message>
    <message>
        <source>Secret variables (kept by name; values come from an environment): %1</source>
        <translation>Geheime Variablen (nur der Name wird gespeichert; die Werte kommen aus einer Umgebung): %1</translation>
    </message>
    <message>
        <source>Requests that inherit auth are sent with this. Secrets must be {{variables}}: collection files never hold them in clear.</source>
        <translation>Anfragen, die die Authentifizierung erben, werden hiermit gesendet. Geheimnisse müssen {{variables}} sein: Sammlungsdateien enthalten sie nie im Klartext.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::CollectionsPanel</name>
    <message>
        <source>Filter requests by name or method</source>
        <translation>Anfragen nach Name oder Methode filtern</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Open a collection folder</source>
        <translation>Einen Sammlungsordner öffnen</translation>
    </message>
    <message>
        <source>No recent collections</source>
        <translation>Keine zuletzt geöffneten Sammlungen</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>Start a collection in an empty folder</source>
        <translation>Eine Sammlung in einem leeren Ordner anlegen</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of this collection could not be read; they are listed in the tree with the reason.</source>
        <translation>
            <numerusform>%n Datei dieser Sammlung konnte nicht gelesen werden; sie wird mit dem Grund im Baum aufgeführt.</numerusform>
            <numerusform>%n Dateien dieser Sammlung konnten nicht gelesen werden; sie werden mit dem Grund im Baum aufgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Collection</source>
        <translation>Sammlung öffnen</translation>
    </message>
    <message>
        <source>New Collection: choose an empty folder</source>
        <translation>Neue Sammlung: leeren Ordner auswählen</translation>
    </message>
    <message>
        <source>New Collection</source>
        <translation>Neue Sammlung</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Choose a collection or a folder for the new request.</source>
        <translation>Wählen Sie eine Sammlung oder einen Ordner für die neue Anfrage.</translation>
    </message>
    <message>
        <source>The folder is no longer there; the collection was changed on disk.</source>
        <translation>Der Ordner existiert nicht mehr; die Sammlung wurde auf der Festplatte geändert.</translation>
    </message>
    <message>
        <source>New request</source>
        <translation>Neue Anfrage</translation>
    </message>
    <message>
        <source>Choose a collection or a folder for the new folder.</source>
        <translation>Wählen Sie eine Sammlung oder einen Ordner für den neuen Ordner.</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>A name cannot be empty.</source>
        <translation>Der Name darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The item is no longer there; the collection was changed on disk.</source>
        <translation>Der Eintrag existiert nicht mehr; die Sammlung wurde auf der Festplatte geändert.</translation>
    </message>
    <message>
        <source>Only requests and folders can be duplicated.</source>
        <translation>Nur Anfragen und Ordner können dupliziert werden.</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Only requests and folders can be deleted here.</source>
        <translation>Hier können nur Anfragen und Ordner gelöscht werden.</translation>
    </message>
    <message>
        <source>Only requests and folders can be moved.</source>
        <translation>Nur Anfragen und Ordner können verschoben werden.</translation>
    </message>
    <message>
        <source>Requests and folders move within their own collection only.</source>
        <translation>Anfragen und Ordner lassen sich nur innerhalb ihrer eigenen Sammlung verschieben.</translation>
    </message>
    <message>
        <source>A folder cannot be moved into itself.</source>
        <translation>Ein Ordner kann nicht in sich selbst verschoben werden.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>%1 could not be read; see the collection&apos;s problems.</source>
        <translation>%1 konnte nicht gelesen werden; siehe die Probleme der Sammlung.</translation>
    </message>
    <message>
        <source>Open Collection…</source>
        <translation>Sammlung öffnen…</translation>
    </message>
    <message>
        <source>New Collection…</source>
        <translation>Neue Sammlung…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>New Request…</source>
        <translation>Neue Anfrage…</translation>
    </message>
    <message>
        <source>New Request</source>
        <translation>Neue Anfrage</translation>
    </message>
    <message>
        <source>New Folder…</source>
        <translation>Neuer Ordner…</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the folder &apos;%1&apos; and every request in it? Its files are removed from disk.</source>
        <translation>Den Ordner &apos;%1&apos; mit allen darin enthaltenen Anfragen löschen? Die Dateien werden von der Festplatte entfernt.</translation>
    </message>
    <message>
        <source>Delete the request &apos;%1&apos;? Its file is removed from disk.</source>
        <translation>Die Anfrage &apos;%1&apos; löschen? Die Datei wird von der Festplatte entfernt.</translation>
    </message>
    <message>
        <source>Reveal on Disk</source>
        <translation>Im Dateimanager anzeigen</translation>
    </message>
    <message>
        <source>No file manager could be started for %1.</source>
        <translation>Für %1 konnte kein Dateimanager gestartet werden.</translation>
    </message>
    <message>
        <source>Collection Settings…</source>
        <translation>Sammlungseinstellungen…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Close Collection</source>
        <translation>Sammlung schließen</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>The request was not saved: %1</source>
        <translation>Die Anfrage wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Save Request</source>
        <translation>Anfrage speichern</translation>
    </message>
    <message>
        <source>Open or create a collection first (File › Open Collection or New Collection); the request stays in its tab.</source>
        <translation>Öffnen oder erstellen Sie zuerst eine Sammlung (Datei › Sammlung öffnen oder Neue Sammlung); die Anfrage bleibt in ihrem Reiter.</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>(oberste Ebene)</translation>
    </message>
    <message>
        <source>Collection:</source>
        <translation>Sammlung:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
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
    <message>
        <source>Function or kind</source>
        <translation>Funktion oder Art</translation>
    </message>
    <message>
        <source>Cognito user pool</source>
        <translation>Cognito-Benutzerpool</translation>
    </message>
    <message>
        <source>Issuer %1
Keys %1/.well-known/jwks.json</source>
        <translation>Aussteller %1
Schlüssel %1/.well-known/jwks.json</translation>
    </message>
    <message>
        <source>app client %1</source>
        <translation>App-Client %1</translation>
    </message>
    <message>
        <source>Sign in on the Auth tab, or: gatehouse cognito login --pool %1 --client %2 --user NAME --srp --endpoint-url %3</source>
        <translation>Melden Sie sich im Reiter &apos;Auth&apos; an, oder: gatehouse cognito login --pool %1 --client %2 --user NAME --srp --endpoint-url %3</translation>
    </message>
    <message>
        <source>Open %1 %2 in the request builder; it needs an x-api-key header with one of the API&apos;s keys</source>
        <translation>%1 %2 im Anfrage-Editor öffnen; die Route verlangt einen Header x-api-key mit einem der Schlüssel der API</translation>
    </message>
    <message>
        <source>API key %1</source>
        <translation>API-Schlüssel %1</translation>
    </message>
    <message>
        <source>Usage plan %1. Click to copy the key; send it as the x-api-key header.</source>
        <translation>Nutzungsplan %1. Klicken Sie, um den Schlüssel zu kopieren; senden Sie ihn im Header x-api-key.</translation>
    </message>
    <message>
        <source>Usage plan %1 (%2). Click to copy the key; send it as the x-api-key header.</source>
        <translation>Nutzungsplan %1 (%2). Klicken Sie, um den Schlüssel zu kopieren; senden Sie ihn im Header x-api-key.</translation>
    </message>
    <message>
        <source>Stage variables: %1</source>
        <translation>Stage-Variablen: %1</translation>
    </message>
    <message>
        <source>Needs: %1</source>
        <translation>Erfordert: %1</translation>
    </message>
    <message>
        <source>Throttled: %1 (more answers 429)</source>
        <translation>Gedrosselt: %1 (darüber hinaus Antwort 429)</translation>
    </message>
    <message>
        <source>Failed: %1
No lab is running. Choose another lab, or fix the folder and choose it again.</source>
        <translation>Fehlgeschlagen: %1
Es läuft kein Lab. Wählen Sie ein anderes Lab, oder korrigieren Sie den Ordner und wählen Sie ihn erneut.</translation>
    </message>
    <message>
        <source>Switching to lab %1…</source>
        <translation>Wechsle zu Lab %1…</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>The lab folder the emulator runs. Choosing another stops the emulator and starts it on that lab, on the same port; open request tabs stay as they are.</source>
        <translation>Der Lab-Ordner, den der Emulator ausführt. Wählen Sie einen anderen, wird der Emulator gestoppt und mit diesem Lab auf demselben Port neu gestartet; offene Anfrage-Reiter bleiben unverändert.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open Lab</source>
        <translation>Lab öffnen</translation>
    </message>
    <message>
        <source>%1 holds no template.yaml, so it is not a lab folder. Choose the folder that holds the lab&apos;s SAM template.yaml.</source>
        <translation>%1 enthält keine template.yaml und ist daher kein Lab-Ordner. Wählen Sie den Ordner, der die SAM-template.yaml des Labs enthält.</translation>
    </message>
    <message>
        <source>Click to open the API in the GraphQL tab</source>
        <translation>Klicken Sie, um die API im Reiter &apos;GraphQL&apos; zu öffnen</translation>
    </message>
    <message>
        <source>Open the API in the GraphQL tab</source>
        <translation>Die API im Reiter &apos;GraphQL&apos; öffnen</translation>
    </message>
    <message>
        <source>API, route, user pool or table</source>
        <translation>API, Route, Benutzerpool oder Tabelle</translation>
    </message>
    <message>
        <source>DynamoDB table</source>
        <translation>DynamoDB-Tabelle</translation>
    </message>
    <message>
        <source>%1
List it: aws dynamodb scan --table-name %2 --endpoint-url %3</source>
        <translation>%1
Auflisten: aws dynamodb scan --table-name %2 --endpoint-url %3</translation>
    </message>
    <message>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message numerus="yes">
        <source>DynamoDB table, %n item(s)</source>
        <translation>
            <numerusform>DynamoDB-Tabelle, %n Element</numerusform>
            <numerusform>DynamoDB-Tabelle, %n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>DynamoDB table %1</source>
        <translation>DynamoDB-Tabelle %1</translation>
    </message>
    <message>
        <source>NONE (local resolver)</source>
        <translation>NONE (lokaler Resolver)</translation>
    </message>
    <message>
        <source>pipeline: %1</source>
        <translation>Pipeline: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::EnvironmentSelector</name>
    <message>
        <source>The environment whose {{variables}} requests use</source>
        <translation>Die Umgebung, aus der Anfragen ihre {{variables}} beziehen</translation>
    </message>
    <message>
        <source>Secret values are kept until Gatehouse quits: no system secret store is running.</source>
        <translation>Geheime Werte werden nur bis zum Beenden von Gatehouse aufbewahrt: Es läuft kein Geheimnisspeicher des Systems.</translation>
    </message>
    <message>
        <source>No environment</source>
        <translation>Keine Umgebung</translation>
    </message>
    <message>
        <source>Manage Environments…</source>
        <translation>Umgebungen verwalten…</translation>
    </message>
    <message>
        <source>%1 (file)</source>
        <translation>%1 (Datei)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::EnvironmentTable</name>
    <message>
        <source>On</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheim</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::EnvironmentsDialog</name>
    <message>
        <source>Show secret values</source>
        <translation>Geheime Werte anzeigen</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Read a Postman environment export or a flat {&quot;key&quot;: &quot;value&quot;} JSON file</source>
        <translation>Einen Postman-Umgebungsexport oder eine flache JSON-Datei {&quot;key&quot;: &quot;value&quot;} einlesen</translation>
    </message>
    <message>
        <source>Write this environment as a Postman environment file, without secret values</source>
        <translation>Diese Umgebung als Postman-Umgebungsdatei schreiben, ohne geheime Werte</translation>
    </message>
    <message>
        <source>Add Variable</source>
        <translation>Variable hinzufügen</translation>
    </message>
    <message>
        <source>Remove Variable</source>
        <translation>Variable entfernen</translation>
    </message>
    <message>
        <source>New environment</source>
        <translation>Neue Umgebung</translation>
    </message>
    <message>
        <source>%1 copy</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Choose an environment to rename.</source>
        <translation>Wählen Sie eine Umgebung zum Umbenennen.</translation>
    </message>
    <message>
        <source>There is an environment named &apos;%1&apos; already; choose another name.</source>
        <translation>Es gibt bereits eine Umgebung namens &apos;%1&apos;; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Delete environment</source>
        <translation>Umgebung löschen</translation>
    </message>
    <message>
        <source>Delete the environment &apos;%1&apos; and its secret values when you save?</source>
        <translation>Die Umgebung &apos;%1&apos; und ihre geheimen Werte beim Speichern löschen?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Choose an environment to export.</source>
        <translation>Wählen Sie eine Umgebung zum Exportieren.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Import Environment</source>
        <translation>Umgebung importieren</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export Environment</source>
        <translation>Umgebung exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Secret values are still being read from the secret store; save again in a moment.</source>
        <translation>Geheime Werte werden noch aus dem Geheimnisspeicher gelesen; speichern Sie gleich noch einmal.</translation>
    </message>
    <message>
        <source>Environment &apos;%1&apos; has a value without a variable name (row %2); name the variable or remove the row.</source>
        <translation>Die Umgebung &apos;%1&apos; hat einen Wert ohne Variablennamen (Zeile %2); benennen Sie die Variable oder entfernen Sie die Zeile.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The environments have changes that are not saved.</source>
        <translation>Die Umgebungen haben ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <source>Secret values are kept until Gatehouse quits: no system secret store is running.</source>
        <translation>Geheime Werte werden nur bis zum Beenden von Gatehouse aufbewahrt: Es läuft kein Geheimnisspeicher des Systems.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::FunctionListModel</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::GraphQLAuthForm</name>
    <message>
        <source>No auth</source>
        <translation>Keine Authentifizierung</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Cognito user pools</source>
        <translation>Cognito-Benutzerpools</translation>
    </message>
    <message>
        <source>OpenID Connect</source>
        <translation>OpenID Connect</translation>
    </message>
    <message>
        <source>AWS IAM</source>
        <translation>AWS IAM</translation>
    </message>
    <message>
        <source>Lambda authorizer</source>
        <translation>Lambda-Authorizer</translation>
    </message>
    <message>
        <source>AppSync&apos;s authorization mode</source>
        <translation>Autorisierungsmodus von AppSync</translation>
    </message>
    <message>
        <source>Paste a token, or use one signed in on the Auth tab</source>
        <translation>Fügen Sie ein Token ein oder verwenden Sie eines aus einer Anmeldung im Reiter &apos;Auth&apos;</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>The region to sign for; empty: from the AppSync host name or the profile</source>
        <translation>Die Region, für die signiert wird; leer: aus dem AppSync-Hostnamen oder dem Profil</translation>
    </message>
    <message>
        <source>Pasted token</source>
        <translation>Eingefügtes Token</translation>
    </message>
    <message>
        <source>Authorization token</source>
        <translation>Autorisierungstoken</translation>
    </message>
    <message>
        <source>JWT (ID or access token)</source>
        <translation>JWT (ID- oder Access-Token)</translation>
    </message>
    <message>
        <source>Type the API key (AppSync: da2-…), or pick another auth mode.</source>
        <translation>Geben Sie den API-Schlüssel ein (AppSync: da2-…) oder wählen Sie einen anderen Auth-Modus.</translation>
    </message>
    <message>
        <source>The chosen token is gone; sign in again on the Auth tab or paste one.</source>
        <translation>Das gewählte Token ist nicht mehr vorhanden; melden Sie sich im Reiter &apos;Auth&apos; erneut an oder fügen Sie eines ein.</translation>
    </message>
    <message>
        <source>Paste the token to send in Authorization, or sign in on the Auth tab.</source>
        <translation>Fügen Sie das Token ein, das in Authorization gesendet werden soll, oder melden Sie sich im Reiter &apos;Auth&apos; an.</translation>
    </message>
    <message>
        <source>Type the access key ID and the secret access key, or sign with a profile.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID und den geheimen Zugriffsschlüssel ein oder signieren Sie mit einem Profil.</translation>
    </message>
    <message>
        <source>Type the region.</source>
        <translation>Geben Sie die Region ein.</translation>
    </message>
    <message>
        <source>No AWS credentials to sign with: %1</source>
        <translation>Keine AWS-Anmeldedaten zum Signieren: %1</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign a user of the lab&apos;s user pool in and use their ID token</source>
        <translation>Einen Benutzer aus dem Benutzerpool des Labs anmelden und sein ID-Token verwenden</translation>
    </message>
    <message>
        <source>User name or e-mail</source>
        <translation>Benutzername oder E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Sends the ID token of the chosen sign-in in Authorization.</source>
        <translation>Sendet das ID-Token der gewählten Anmeldung in Authorization.</translation>
    </message>
    <message>
        <source>Needs a token of the lab&apos;s user pool %1: press Sign in…, pick a sign-in from the Auth tab, or paste an ID token.</source>
        <translation>Braucht ein Token des Benutzerpools %1 des Labs: Anmelden… drücken, eine Anmeldung aus dem Auth-Reiter wählen oder ein ID-Token einfügen.</translation>
    </message>
    <message>
        <source>Needs an ID (or access) token of the API&apos;s user pool: sign in on the Auth tab and pick it here, or paste one.</source>
        <translation>Braucht ein ID- (oder Zugriffs-)Token des Benutzerpools der API: im Auth-Reiter anmelden und es hier wählen, oder eines einfügen.</translation>
    </message>
    <message>
        <source>Sends the ID token of the chosen sign-in in Authorization; the API takes it only if it trusts its issuer.</source>
        <translation>Sendet das ID-Token der gewählten Anmeldung in Authorization; die API nimmt es nur an, wenn sie seinem Aussteller vertraut.</translation>
    </message>
    <message>
        <source>Needs an ID token issued by %1 (your OpenID provider signs it; the API checks issuer, signature and expiry): get one from that provider, e.g. the Auth tab&apos;s OAuth2 sign-in, and pick or paste it.</source>
        <translation>Braucht ein von %1 ausgestelltes ID-Token (Ihr OpenID-Anbieter signiert es; die API prüft Aussteller, Signatur und Ablauf): holen Sie eines bei diesem Anbieter, z. B. mit der OAuth2-Anmeldung im Auth-Reiter, und wählen oder fügen Sie es ein.</translation>
    </message>
    <message>
        <source>Needs an ID token from the OpenID provider the API trusts (its issuer URL is in the API&apos;s OPENID_CONNECT settings): get one there, e.g. with the Auth tab&apos;s OAuth2 sign-in, and pick or paste it.</source>
        <translation>Braucht ein ID-Token des OpenID-Anbieters, dem die API vertraut (seine Aussteller-URL steht in den OPENID_CONNECT-Einstellungen der API): holen Sie dort eines, z. B. mit der OAuth2-Anmeldung im Auth-Reiter, und wählen oder fügen Sie es ein.</translation>
    </message>
    <message>
        <source>Sign a user of the lab&apos;s user pool %1 in and use their ID token</source>
        <translation>Einen Benutzer aus dem Benutzerpool %1 des Labs anmelden und sein ID-Token verwenden</translation>
    </message>
    <message>
        <source>No lab user pool to sign in to: pick the emulator&apos;s API beside the endpoint.</source>
        <translation>Kein Benutzerpool des Labs zum Anmelden: wählen Sie die API des Emulators neben dem Endpunkt.</translation>
    </message>
    <message>
        <source>Type the user name (or e-mail) and the password to sign in to %1.</source>
        <translation>Geben Sie Benutzername (oder E-Mail) und Passwort ein, um sich bei %1 anzumelden.</translation>
    </message>
    <message>
        <source>Signing %1 in to %2…</source>
        <translation>%1 wird bei %2 angemeldet…</translation>
    </message>
    <message>
        <source> Check the user name and password and press Sign in again.</source>
        <translation> Prüfen Sie Benutzername und Passwort und drücken Sie erneut Anmelden.</translation>
    </message>
    <message>
        <source>Sign-in refused: %1</source>
        <translation>Anmeldung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Cognito asks for %1 before it gives tokens; answer it on the Auth tab&apos;s user pool sign-in.</source>
        <translation>Cognito verlangt %1, bevor es Tokens ausgibt; beantworten Sie das in der Benutzerpool-Anmeldung des Auth-Reiters.</translation>
    </message>
    <message>
        <source>%1 @ %2 (%3)</source>
        <translation>%1 @ %2 (%3)</translation>
    </message>
    <message>
        <source>Signed in as %1: the ID token is sent in Authorization until %2 (also on the Auth tab).</source>
        <translation>Angemeldet als %1: das ID-Token wird bis %2 in Authorization gesendet (auch im Auth-Reiter).</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::GraphQLEditor</name>
    <message>
        <source>query {
  ...
}</source>
        <translation>query {
  ...
}</translation>
    </message>
    <message>
        <source>Prettify</source>
        <translation>Formatieren</translation>
    </message>
    <message>
        <source>Cannot prettify while the document has a syntax error (%1). Fix it first; the document was not changed.</source>
        <translation>Formatieren ist nicht möglich, solange das Dokument einen Syntaxfehler enthält (%1). Beheben Sie ihn zuerst; das Dokument wurde nicht geändert.</translation>
    </message>
    <message>
        <source>Deprecated: %1</source>
        <translation>Veraltet: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::GraphQLEditorPanel</name>
    <message>
        <source>%1 (anonymous)</source>
        <translation>%1 (anonym)</translation>
    </message>
    <message>
        <source>Prettify</source>
        <translation>Formatieren</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>&amp;Operation:</translation>
    </message>
    <message>
        <source>The operations in this document; the one to run follows the cursor</source>
        <translation>Die Operationen in diesem Dokument; ausgeführt wird die, in der der Cursor steht</translation>
    </message>
    <message>
        <source>Rewrite the document in canonical form (Ctrl+Shift+F)</source>
        <translation>Das Dokument in kanonische Form umschreiben (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::GraphQLSchemaExplorer</name>
    <message>
        <source>Deprecated: %1</source>
        <translation>Veraltet: %1</translation>
    </message>
    <message>
        <source>Search types and fields</source>
        <translation>Typen und Felder durchsuchen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Pick a type or field to see its description.</source>
        <translation>Wählen Sie einen Typ oder ein Feld, um die Beschreibung zu sehen.</translation>
    </message>
    <message>
        <source>implements</source>
        <translation>implementiert</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Input fields</source>
        <translation>Eingabefelder</translation>
    </message>
    <message>
        <source> (deprecated)</source>
        <translation> (veraltet)</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Possible types</source>
        <translation>Mögliche Typen</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::GraphQLWorkbench</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Load schema</source>
        <translation>Schema laden</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>GraphQL endpoint, e.g. https://xxxx.appsync-api.eu-west-1.amazonaws.com/graphql</source>
        <translation>GraphQL-Endpunkt, z. B. https://xxxx.appsync-api.eu-west-1.amazonaws.com/graphql</translation>
    </message>
    <message>
        <source>Send the operation under the cursor (Ctrl+Return); a subscription starts and stops here</source>
        <translation>Die Operation am Cursor senden (Strg+Return); eine Subscription wird hier gestartet und gestoppt</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>AppSync real-time</source>
        <translation>AppSync-Echtzeit</translation>
    </message>
    <message>
        <source>graphql-transport-ws</source>
        <translation>graphql-transport-ws</translation>
    </message>
    <message>
        <source>How subscriptions connect. Auto speaks AppSync&apos;s real-time protocol to AppSync and emulator URLs and graphql-transport-ws to any other server</source>
        <translation>Wie sich Subscriptions verbinden. Auto spricht mit AppSync- und Emulator-URLs das Echtzeitprotokoll von AppSync und mit allen anderen Servern graphql-transport-ws</translation>
    </message>
    <message>
        <source>Real-time URL (derived)</source>
        <translation>Echtzeit-URL (abgeleitet)</translation>
    </message>
    <message>
        <source>The subscriptions&apos; WebSocket URL; empty: derived from the endpoint as AppSync does</source>
        <translation>Die WebSocket-URL der Subscriptions; leer: wird wie bei AppSync aus dem Endpunkt abgeleitet</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>&amp;Variables</source>
        <translation>&amp;Variablen</translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation>&amp;Header</translation>
    </message>
    <message>
        <source>Header name</source>
        <translation>Header-Name</translation>
    </message>
    <message>
        <source>Click an error to mark its path in the data and its place in the editor</source>
        <translation>Klicken Sie auf einen Fehler, um seinen Pfad in den Daten und seine Stelle im Editor zu markieren</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>Abonnieren</translation>
    </message>
    <message>
        <source>Enter the GraphQL endpoint&apos;s URL first, e.g. https://&lt;id&gt;.appsync-api.&lt;region&gt;.amazonaws.com/graphql.</source>
        <translation>Geben Sie zuerst die URL des GraphQL-Endpunkts ein, z. B. https://&lt;id&gt;.appsync-api.&lt;region&gt;.amazonaws.com/graphql.</translation>
    </message>
    <message>
        <source>Loading the schema…</source>
        <translation>Schema wird geladen…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
    <message>
        <source>The endpoint did not give its schema: %1</source>
        <translation>Der Endpunkt hat sein Schema nicht geliefert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Schema loaded: %n type(s).</source>
        <translation>
            <numerusform>Schema geladen: %n Typ.</numerusform>
            <numerusform>Schema geladen: %n Typen.</numerusform>
        </translation>
    </message>
    <message>
        <source>HTTP %1 · %2 ms · %3</source>
        <translation>HTTP %1 · %2 ms · %3</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s); click one to mark its path</source>
        <translation>
            <numerusform>%n Fehler; klicken Sie darauf, um seinen Pfad zu markieren</numerusform>
            <numerusform>%n Fehler; klicken Sie auf einen, um seinen Pfad zu markieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Variables are not JSON: %1. Fix the text; it is sent only when it is a JSON object.</source>
        <translation>Die Variablen sind kein JSON: %1. Korrigieren Sie den Text; er wird nur gesendet, wenn er ein JSON-Objekt ist.</translation>
    </message>
    <message>
        <source>Variables must be a JSON object, e.g. { &quot;name&quot;: &quot;Paris&quot; }.</source>
        <translation>Variablen müssen ein JSON-Objekt sein, z. B. { &quot;name&quot;: &quot;Paris&quot; }.</translation>
    </message>
    <message>
        <source>The real-time URL is not a URL; clear it to derive one from the endpoint.</source>
        <translation>Die Echtzeit-URL ist keine URL; leeren Sie das Feld, um sie aus dem Endpunkt abzuleiten.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected; starting the subscription…</source>
        <translation>Verbunden; Subscription wird gestartet…</translation>
    </message>
    <message>
        <source>Subscribed; events appear below as they come.</source>
        <translation>Abonniert; Ereignisse erscheinen unten, sobald sie eintreffen.</translation>
    </message>
    <message>
        <source>── %1 · subscription %2</source>
        <translation>── %1 · Subscription %2</translation>
    </message>
    <message numerus="yes">
        <source>An event came with %n error(s): %1</source>
        <translation>
            <numerusform>Ein Ereignis kam mit %n Fehler: %1</numerusform>
            <numerusform>Ein Ereignis kam mit %n Fehlern: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the subscription: %1</source>
        <translation>Der Server hat die Subscription abgelehnt: %1</translation>
    </message>
    <message>
        <source>The connection dropped (%1); reconnecting in %2 s.</source>
        <translation>Die Verbindung ist abgebrochen (%1); neuer Verbindungsversuch in %2 s.</translation>
    </message>
    <message>
        <source>Subscription ended: %1</source>
        <translation>Subscription beendet: %1</translation>
    </message>
    <message>
        <source>Subscription stopped.</source>
        <translation>Subscription gestoppt.</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>(anonym)</translation>
    </message>
    <message>
        <source>The embedded emulator&apos;s GraphQL APIs: fills in endpoint, real-time URL and auth, and loads the schema</source>
        <translation>Die GraphQL-APIs des eingebetteten Emulators: füllt Endpunkt, Echtzeit-URL und Authentifizierung aus und lädt das Schema</translation>
    </message>
    <message>
        <source>Emulator API…</source>
        <translation>Emulator-API…</translation>
    </message>
    <message>
        <source>The emulator stopped; the GraphQL API %1 is not served now. The endpoint is left as it was.</source>
        <translation>Der Emulator wurde gestoppt; die GraphQL-API %1 wird derzeit nicht bereitgestellt. Der Endpunkt bleibt unverändert.</translation>
    </message>
    <message>
        <source>The lab %1 has no GraphQL API %2 any more; the endpoint is left as it was. Pick another API or type an endpoint.</source>
        <translation>Das Lab %1 hat keine GraphQL-API %2 mehr; der Endpunkt bleibt unverändert. Wählen Sie eine andere API oder geben Sie einen Endpunkt ein.</translation>
    </message>
    <message>
        <source>The emulator serves no GraphQL API %1. Start its lab, or type the endpoint.</source>
        <translation>Der Emulator stellt keine GraphQL-API %1 bereit. Starten Sie ihr Lab oder geben Sie den Endpunkt ein.</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>Baum</translation>
    </message>
    <message>
        <source>Show the answer (or the latest event) as a collapsible tree, errors&apos; paths marked</source>
        <translation>Die Antwort (oder das letzte Ereignis) als aufklappbaren Baum zeigen, die Pfade der Fehler markiert</translation>
    </message>
    <message>
        <source>%1 · subscription %2 · </source>
        <translation>%1 · Subscription %2 · </translation>
    </message>
    <message>
        <source>── %1 · subscription %2 · error: %3</source>
        <translation>── %1 · Subscription %2 · Fehler: %3</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::HistoryPanel</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Verlauf löschen…</translation>
    </message>
    <message>
        <source>Search method, URL, status or response body</source>
        <translation>Methode, URL, Status oder Antwort-Body suchen</translation>
    </message>
    <message>
        <source>Open the request and its answer in a new request tab</source>
        <translation>Die Anfrage und ihre Antwort in einem neuen Anfrage-Reiter öffnen</translation>
    </message>
    <message>
        <source>Forget every recorded request and answer</source>
        <translation>Alle aufgezeichneten Anfragen und Antworten vergessen</translation>
    </message>
    <message numerus="yes">
        <source>%n broken line(s) of %1 were skipped.</source>
        <translation>
            <numerusform>%n beschädigte Zeile in %1 wurde übersprungen.</numerusform>
            <numerusform>%n beschädigte Zeilen in %1 wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf löschen</translation>
    </message>
    <message numerus="yes">
        <source>Forget all %n recorded request(s) and their answers? This cannot be undone.</source>
        <translation>
            <numerusform>%n aufgezeichnete Anfrage und ihre Antwort vergessen? Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>Alle %n aufgezeichneten Anfragen und ihre Antworten vergessen? Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::ImportDialog</name>
    <message>
        <source>Open in Tabs</source>
        <translation>In Reitern öffnen</translation>
    </message>
    <message>
        <source>Create Collection</source>
        <translation>Sammlung erstellen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>cURL</source>
        <translation>cURL</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>An OpenAPI 3.0 or Swagger 2.0 document (JSON or YAML) at an http(s) URL</source>
        <translation>Ein OpenAPI-3.0- oder Swagger-2.0-Dokument (JSON oder YAML) unter einer http(s)-URL</translation>
    </message>
    <message>
        <source>OpenAPI URL</source>
        <translation>OpenAPI-URL</translation>
    </message>
    <message>
        <source>The running emulator&apos;s address; every route of its APIs becomes a request</source>
        <translation>Die Adresse des laufenden Emulators; jede Route seiner APIs wird zu einer Anfrage</translation>
    </message>
    <message>
        <source>Emulator</source>
        <translation>Emulator</translation>
    </message>
    <message>
        <source>The requests appear here before anything is imported.</source>
        <translation>Die Anfragen erscheinen hier, bevor etwas importiert wird.</translation>
    </message>
    <message>
        <source>an empty folder for the new collection</source>
        <translation>ein leerer Ordner für die neue Sammlung</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Collection folder:</source>
        <translation>Sammlungsordner:</translation>
    </message>
    <message>
        <source>Choose an empty folder for the collection first.</source>
        <translation>Wählen Sie zuerst einen leeren Ordner für die Sammlung.</translation>
    </message>
    <message>
        <source>pasted text</source>
        <translation>eingefügter Text</translation>
    </message>
    <message>
        <source>A Postman v2.1 collection, an OpenAPI / Swagger document, or curl commands</source>
        <translation>Eine Postman-v2.1-Sammlung, ein OpenAPI-/Swagger-Dokument oder curl-Befehle</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>Datei importieren</translation>
    </message>
    <message>
        <source>Collections and API documents (*.json *.yaml *.yml *.txt *.sh);;All files (*)</source>
        <translation>Sammlungen und API-Dokumente (*.json *.yaml *.yml *.txt *.sh);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>That is not a URL to fetch: %1</source>
        <translation>Das ist keine abrufbare URL: %1</translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation>%1 wird abgerufen…</translation>
    </message>
    <message>
        <source>No answer from the emulator at %1: %2 Start it in the Emulator panel, or check the address.</source>
        <translation>Keine Antwort vom Emulator unter %1: %2 Starten Sie ihn im Emulator-Panel oder prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>No answer from %1: %2</source>
        <translation>Keine Antwort von %1: %2</translation>
    </message>
    <message>
        <source>%1 answered %2 %3, so there is no document to import.</source>
        <translation>%1 hat mit %2 %3 geantwortet, es gibt also kein Dokument zu importieren.</translation>
    </message>
    <message>
        <source>%1 answered, but not with the Gatehouse emulator&apos;s index (it starts “%2”).</source>
        <translation>%1 hat geantwortet, aber nicht mit dem Index des Gatehouse-Emulators (die Antwort beginnt mit „%2“).</translation>
    </message>
    <message>
        <source>%1 answered, but not with an OpenAPI or Swagger document: no “openapi” or “swagger” field at the top (it starts “%2”).</source>
        <translation>%1 hat geantwortet, aber nicht mit einem OpenAPI- oder Swagger-Dokument: kein Feld „openapi“ oder „swagger“ auf oberster Ebene (die Antwort beginnt mit „%2“).</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>, variables: %1</source>
        <translation>, Variablen: %1</translation>
    </message>
    <message>
        <source>; secret variables (no value is saved): %1</source>
        <translation>; geheime Variablen (es wird kein Wert gespeichert): %1</translation>
    </message>
    <message numerus="yes">
        <source>; %n problem(s) listed below</source>
        <translation>
            <numerusform>; %n Problem, unten aufgeführt</numerusform>
            <numerusform>; %n Probleme, unten aufgeführt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>An empty folder for the collection</source>
        <translation>Leerer Ordner für die Sammlung</translation>
    </message>
    <message>
        <source>Paste one or more curl commands (a browser&apos;s “Copy as cURL”, bash or cmd)</source>
        <translation>Einen oder mehrere curl-Befehle einfügen („Als cURL kopieren“ aus dem Browser, bash oder cmd)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::InvokePanel</name>
    <message>
        <source>What to invoke: $LATEST, a published version, or an alias (which may split traffic between two versions).</source>
        <translation>Was aufgerufen wird: $LATEST, eine veröffentlichte Version oder ein Alias (der den Traffic auf zwei Versionen verteilen kann).</translation>
    </message>
    <message>
        <source>Synchronous (RequestResponse)</source>
        <translation>Synchron (RequestResponse)</translation>
    </message>
    <message>
        <source>Asynchronous (Event)</source>
        <translation>Asynchron (Event)</translation>
    </message>
    <message>
        <source>Dry run (check only)</source>
        <translation>Probelauf (nur prüfen)</translation>
    </message>
    <message>
        <source>Include the log tail</source>
        <translation>Protokollende mitliefern</translation>
    </message>
    <message>
        <source>LogType: Tail — Lambda returns the last 4 KB of the invocation&apos;s log.</source>
        <translation>LogType: Tail — Lambda liefert die letzten 4 KB des Protokolls dieses Aufrufs.</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Event-Name</translation>
    </message>
    <message>
        <source>Save event</source>
        <translation>Event speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The event as JSON, e.g. {&quot;key&quot;: &quot;value&quot;}. Empty sends {}.</source>
        <translation>Das Event als JSON, z. B. {&quot;key&quot;: &quot;value&quot;}. Ohne Eingabe wird {} gesendet.</translation>
    </message>
    <message>
        <source>Load file…</source>
        <translation>Datei laden…</translation>
    </message>
    <message>
        <source>Reads the payload from a JSON file. Files over 1 MB are sent as they are without being shown.</source>
        <translation>Liest die Payload aus einer JSON-Datei. Dateien über 1 MB werden unverändert gesendet, ohne angezeigt zu werden.</translation>
    </message>
    <message>
        <source>Discard file</source>
        <translation>Datei verwerfen</translation>
    </message>
    <message>
        <source>Invoke</source>
        <translation>Aufrufen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Invokes the qualifier this many times and counts which version answered, to check an alias&apos;s weights.</source>
        <translation>Ruft den Qualifier so oft auf und zählt, welche Version geantwortet hat, um die Gewichtung eines Alias zu prüfen.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Configured</source>
        <translation>Konfiguriert</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Beobachtet</translation>
    </message>
    <message>
        <source>Invocations</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Log tail</source>
        <translation>Protokollende</translation>
    </message>
    <message>
        <source>Observed split</source>
        <translation>Beobachtete Verteilung</translation>
    </message>
    <message>
        <source>&amp;Qualifier:</source>
        <translation>&amp;Qualifier:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Event:</translation>
    </message>
    <message>
        <source>Sa&amp;ve as:</source>
        <translation>&amp;Speichern als:</translation>
    </message>
    <message>
        <source>Choose a function on the left.</source>
        <translation>Wählen Sie links eine Funktion.</translation>
    </message>
    <message>
        <source>Alias %1 → %2</source>
        <translation>Alias %1 → %2</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>Neues Event</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Sample: %1</source>
        <translation>Beispiel: %1</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Load a payload</source>
        <translation>Payload laden</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saved the event &quot;%1&quot; for %2.</source>
        <translation>Event &quot;%1&quot; für %2 gespeichert.</translation>
    </message>
    <message>
        <source>Deleted the saved event &quot;%1&quot;; its payload is still in the editor.</source>
        <translation>Gespeichertes Event &quot;%1&quot; gelöscht; seine Payload steht weiterhin im Editor.</translation>
    </message>
    <message>
        <source>An empty payload is sent as {}.</source>
        <translation>Eine leere Payload wird als {} gesendet.</translation>
    </message>
    <message>
        <source>The payload is not JSON, and Lambda only takes JSON: %1 Fix it to invoke.</source>
        <translation>Die Payload ist kein JSON, Lambda akzeptiert aber nur JSON: %1 Korrigieren Sie sie, um die Funktion aufzurufen.</translation>
    </message>
    <message>
        <source>Valid JSON, but %1 is over Lambda&apos;s %2 limit for this invocation type; Lambda will refuse it.</source>
        <translation>Gültiges JSON, aber %1 liegt über dem Lambda-Limit von %2 für diese Aufrufart; Lambda wird die Payload ablehnen.</translation>
    </message>
    <message>
        <source>Valid JSON · %1</source>
        <translation>Gültiges JSON · %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Invoking %1:%2…</source>
        <translation>%1:%2 wird aufgerufen…</translation>
    </message>
    <message>
        <source>Lambda refused the invocation: %1</source>
        <translation>Lambda hat den Aufruf abgelehnt: %1</translation>
    </message>
    <message>
        <source>Status %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>executed version %1</source>
        <translation>ausgeführte Version %1</translation>
    </message>
    <message>
        <source>duration %1 ms</source>
        <translation>Dauer %1 ms</translation>
    </message>
    <message>
        <source>round trip %1 ms</source>
        <translation>Roundtrip %1 ms</translation>
    </message>
    <message>
        <source>function error: %1</source>
        <translation>Funktionsfehler: %1</translation>
    </message>
    <message>
        <source>dry run: the call would be allowed</source>
        <translation>Probelauf: Der Aufruf wäre zulässig</translation>
    </message>
    <message>
        <source>Stopping after the invocations in flight…</source>
        <translation>Wird nach den laufenden Aufrufen gestoppt…</translation>
    </message>
    <message>
        <source>function error %1</source>
        <translation>Funktionsfehler %1</translation>
    </message>
    <message>
        <source> · %1 failed (last: %2)</source>
        <translation> · %1 fehlgeschlagen (zuletzt: %2)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Number of invocations</source>
        <translation>Anzahl der Aufrufe</translation>
    </message>
    <message>
        <source>Choose a qualifier and an event, then click Invoke.</source>
        <translation>Wählen Sie einen Qualifier und ein Event und klicken Sie dann auf &apos;Aufrufen&apos;.</translation>
    </message>
    <message>
        <source>This payload (%1) will be sent as it is; it is too large to show here. Discard it to type a payload.</source>
        <translation>Diese Payload (%1) wird unverändert gesendet; sie ist zu groß, um hier angezeigt zu werden. Verwerfen Sie sie, um eine Payload einzugeben.</translation>
    </message>
    <message>
        <source>The payload from %2 (%1) will be sent as it is; it is too large to show here. Discard it to type a payload.</source>
        <translation>Die Payload aus %2 (%1) wird unverändert gesendet; sie ist zu groß, um hier angezeigt zu werden. Verwerfen Sie sie, um eine Payload einzugeben.</translation>
    </message>
    <message>
        <source>queued (Event): Lambda runs it in the background, so its answer and log are not shown here</source>
        <translation>in der Warteschlange (Event): Lambda führt den Aufruf im Hintergrund aus, daher werden Antwort und Protokoll hier nicht angezeigt</translation>
    </message>
    <message>
        <source>Invoking %1:%2 repeatedly (%L3 calls); the Observed split tab counts which version answered.</source>
        <translation>Rufe %1:%2 wiederholt auf (%L3 Aufrufe); der Reiter &apos;Beobachtete Verteilung&apos; zählt, welche Version geantwortet hat.</translation>
    </message>
    <message>
        <source>Invocations: %L1 in %L2 ms</source>
        <translation>Aufrufe: %L1 in %L2 ms</translation>
    </message>
    <message>
        <source>Invocations: %L1 of %L2…</source>
        <translation>Aufrufe: %L1 von %L2…</translation>
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
    <name>Gatehouse::Ui::LambdaViewer</name>
    <message>
        <source>Search functions</source>
        <translation>Funktionen suchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Choose a function</source>
        <translation>Wählen Sie eine Funktion</translation>
    </message>
    <message>
        <source>Versions &amp;&amp; aliases</source>
        <translation>Versionen &amp;&amp; Aliase</translation>
    </message>
    <message>
        <source>Invoke</source>
        <translation>Aufrufen</translation>
    </message>
    <message>
        <source>Show values</source>
        <translation>Werte anzeigen</translation>
    </message>
    <message>
        <source>Environment variable values are hidden until you ask, so they do not end up in screenshots or screen shares.</source>
        <translation>Die Werte der Umgebungsvariablen bleiben ausgeblendet, bis Sie sie anfordern, damit sie nicht in Screenshots oder geteilten Bildschirmen landen.</translation>
    </message>
    <message>
        <source>Description of the new version (optional)</source>
        <translation>Beschreibung der neuen Version (optional)</translation>
    </message>
    <message>
        <source>Publish version</source>
        <translation>Version veröffentlichen</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Vergleichen…</translation>
    </message>
    <message>
        <source>New alias…</source>
        <translation>Neuer Alias…</translation>
    </message>
    <message>
        <source>Edit alias…</source>
        <translation>Alias bearbeiten…</translation>
    </message>
    <message>
        <source>Delete alias</source>
        <translation>Alias löschen</translation>
    </message>
    <message>
        <source>Shift traffic</source>
        <translation>Traffic-Verschiebung</translation>
    </message>
    <message>
        <source>The additional version that receives the share on the slider.</source>
        <translation>Die zusätzliche Version, die den am Regler eingestellten Anteil erhält.</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>Hochstufen</translation>
    </message>
    <message>
        <source>Make the additional version the alias&apos;s version, with all the traffic.</source>
        <translation>Macht die zusätzliche Version zur Version des Alias, mit dem gesamten Traffic.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>Anwenden…</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>to</source>
        <translation>an</translation>
    </message>
    <message>
        <source>No functions: the target is not usable (see the message on the right).</source>
        <translation>Keine Funktionen: Das Ziel ist nicht nutzbar (siehe Meldung rechts).</translation>
    </message>
    <message>
        <source>Loading functions from %1…</source>
        <translation>Funktionen werden von %1 geladen…</translation>
    </message>
    <message>
        <source>Functions: %L1 so far, more on the way…</source>
        <translation>Funktionen: bisher %L1, weitere folgen…</translation>
    </message>
    <message>
        <source>Listing stopped; functions so far: %L1.</source>
        <translation>Auflistung abgebrochen; bisher geladene Funktionen: %L1.</translation>
    </message>
    <message>
        <source>Could not list the functions of %1: %2</source>
        <translation>Die Funktionen von %1 konnten nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>%1 has no functions.</source>
        <translation>%1 hat keine Funktionen.</translation>
    </message>
    <message>
        <source>Functions: %L1</source>
        <translation>Funktionen: %L1</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Could not publish a version of %1: %2</source>
        <translation>Für %1 konnte keine Version veröffentlicht werden: %2</translation>
    </message>
    <message>
        <source>Published version %1 of %2.</source>
        <translation>Version %1 von %2 veröffentlicht.</translation>
    </message>
    <message>
        <source>Created alias %1 → %2.</source>
        <translation>Alias %1 → %2 erstellt.</translation>
    </message>
    <message>
        <source>Delete the alias %1 of %2? Callers that use %2:%1 will get ResourceNotFoundException.</source>
        <translation>Alias %1 von %2 löschen? Aufrufer, die %2:%1 verwenden, erhalten dann ResourceNotFoundException.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Could not delete the alias %1: %2</source>
        <translation>Der Alias %1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted the alias %1.</source>
        <translation>Alias %1 gelöscht.</translation>
    </message>
    <message>
        <source>Create an alias to shift traffic between versions.</source>
        <translation>Erstellen Sie einen Alias, um Traffic zwischen Versionen zu verschieben.</translation>
    </message>
    <message>
        <source>Choose an alias.</source>
        <translation>Wählen Sie einen Alias.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>Shift %1 to %2</source>
        <translation>Traffic-Verschiebung %1: %2</translation>
    </message>
    <message>
        <source>Now: %1
After: %2

Callers of the alias get the new split at once.</source>
        <translation>Jetzt: %1
Danach: %2

Für Aufrufer des Alias gilt die neue Verteilung sofort.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Lambda refused the traffic shift on %1: %2</source>
        <translation>Lambda hat die Traffic-Verschiebung für %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Publishes the code and configuration of $LATEST as a new, immutable version. If nothing changed since the last version, Lambda returns that version instead.</source>
        <translation>Veröffentlicht Code und Konfiguration von $LATEST als neue, unveränderliche Version. Hat sich seit der letzten Version nichts geändert, gibt Lambda stattdessen diese Version zurück.</translation>
    </message>
    <message>
        <source>routes</source>
        <translation>verteilt</translation>
    </message>
    <message>
        <source>Nothing changed since version %1, so Lambda returned version %1 instead of publishing a new one. Change the code or configuration first.</source>
        <translation>Seit Version %1 hat sich nichts geändert, daher hat Lambda Version %1 zurückgegeben, statt eine neue zu veröffentlichen. Ändern Sie zuerst Code oder Konfiguration.</translation>
    </message>
    <message>
        <source>Alias %1 now routes: %2.</source>
        <translation>Alias %1 verteilt jetzt: %2.</translation>
    </message>
    <message>
        <source>Preview — %1 routes now: %2; after applying: %3. Not applied yet.</source>
        <translation>Vorschau — %1 verteilt derzeit: %2; nach dem Anwenden: %3. Noch nicht angewendet.</translation>
    </message>
    <message>
        <source>%1 routes: %2. Move the slider to preview a new split.</source>
        <translation>%1 verteilt: %2. Bewegen Sie den Regler, um eine neue Verteilung vorzuschauen.</translation>
    </message>
    <message>
        <source>Change the traffic split of %1:%2?</source>
        <translation>Die Traffic-Verteilung von %1:%2 ändern?</translation>
    </message>
    <message>
        <source>%1 now routes: %2.</source>
        <translation>%1 verteilt jetzt: %2.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::LargeTextView</name>
    <message>
        <source>… %1  (%2 lines)</source>
        <translation>… %1  (%2 Zeilen)</translation>
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
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Lambda</source>
        <translation>Lambda</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;Network Settings…</source>
        <translation>&amp;Netzwerkeinstellungen…</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Network settings not applied: %1</source>
        <translation>Netzwerkeinstellungen nicht übernommen: %1</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <source>&amp;Open Collection…</source>
        <translation>Sammlung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>No recent collections</source>
        <translation>Keine zuletzt geöffneten Sammlungen</translation>
    </message>
    <message>
        <source>&amp;New Collection…</source>
        <translation>Ne&amp;ue Sammlung…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Collections</source>
        <translation>&amp;Sammlungen</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>GraphQL</source>
        <translation>GraphQL</translation>
    </message>
    <message>
        <source>Open &amp;Lab…</source>
        <translation>&amp;Lab öffnen…</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::NetworkSettingsDialog</name>
    <message>
        <source>Check server certificates (recommended)</source>
        <translation>Serverzertifikate prüfen (empfohlen)</translation>
    </message>
    <message>
        <source>Keep cookies that servers set and send them back (this session)</source>
        <translation>Von Servern gesetzte Cookies behalten und zurücksenden (diese Sitzung)</translation>
    </message>
    <message>
        <source>Network Settings</source>
        <translation>Netzwerkeinstellungen</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>System proxy (http_proxy, https_proxy, no_proxy)</source>
        <translation>System-Proxy (http_proxy, https_proxy, no_proxy)</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation>proxy.example.com</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>memory only</source>
        <translation>nur im Arbeitsspeicher</translation>
    </message>
    <message>
        <source>only for an encrypted key; memory only</source>
        <translation>nur für verschlüsselte Schlüssel; nur im Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Certificates are not checked: anyone between you and the server can read and change the traffic. Use it only for a test server, and prefer adding its CA above.</source>
        <translation>Zertifikate werden nicht geprüft: Jeder zwischen Ihnen und dem Server kann den Verkehr mitlesen und ändern. Nur für Testserver; fügen Sie besser oben deren CA hinzu.</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Use:</source>
        <translation>Verwenden:</translation>
    </message>
    <message>
        <source>Host and port:</source>
        <translation>Host und Port:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>PEM file with extra CA certificates</source>
        <translation>PEM-Datei mit zusätzlichen CA-Zertifikaten</translation>
    </message>
    <message>
        <source>Extra CAs:</source>
        <translation>Zusätzliche CAs:</translation>
    </message>
    <message>
        <source>PEM client certificate</source>
        <translation>PEM-Client-Zertifikat</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>Client-Zertifikat:</translation>
    </message>
    <message>
        <source>its PEM private key</source>
        <translation>zugehöriger privater PEM-Schlüssel</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>Client-Schlüssel:</translation>
    </message>
    <message>
        <source>Key password:</source>
        <translation>Schlüsselpasswort:</translation>
    </message>
    <message>
        <source>Cookies</source>
        <translation>Cookies</translation>
    </message>
    <message>
        <source>Forget cookies</source>
        <translation>Cookies vergessen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose a PEM file</source>
        <translation>PEM-Datei auswählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A manual proxy needs a host and a port.</source>
        <translation>Ein manueller Proxy braucht Host und Port.</translation>
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
    <message>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <source>Auth (%1)</source>
        <translation>Auth (%1)</translation>
    </message>
    <message>
        <source>Resolving AWS credentials and signing…</source>
        <translation>AWS-Anmeldedaten werden ermittelt, Anfrage wird signiert…</translation>
    </message>
    <message>
        <source>Cannot sign the request: %1</source>
        <translation>Die Anfrage kann nicht signiert werden: %1</translation>
    </message>
    <message>
        <source>Cancelled while resolving credentials.</source>
        <translation>Beim Ermitteln der Anmeldedaten abgebrochen.</translation>
    </message>
    <message>
        <source>TLS certificates are not checked (File › Network Settings): anyone on the path can read and change these requests.</source>
        <translation>TLS-Zertifikate werden nicht geprüft (Datei › Netzwerkeinstellungen): Jeder dazwischen kann diese Anfragen mitlesen und ändern.</translation>
    </message>
    <message>
        <source>New request (Ctrl+T)</source>
        <translation>Neue Anfrage (Strg+T)</translation>
    </message>
    <message>
        <source>New request</source>
        <translation>Neue Anfrage</translation>
    </message>
    <message>
        <source>Rename request</source>
        <translation>Anfrage umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Form (urlencoded)</source>
        <translation>Formular (urlencoded)</translation>
    </message>
    <message>
        <source>Multipart form</source>
        <translation>Multipart-Formular</translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation>Binärdatei</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value (@path for a file)</source>
        <translation>Wert (@Pfad für eine Datei)</translation>
    </message>
    <message>
        <source>Add a form field</source>
        <translation>Formularfeld hinzufügen</translation>
    </message>
    <message>
        <source>the file whose bytes are the body; {{variables}} work here</source>
        <translation>die Datei, deren Bytes den Body bilden; {{variables}} funktionieren hier</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose the body file</source>
        <translation>Body-Datei auswählen</translation>
    </message>
    <message>
        <source>A urlencoded form sends @path values as text; choose Multipart form to upload files.</source>
        <translation>Ein urlencoded-Formular sendet @Pfad-Werte als Text; wählen Sie Multipart-Formular, um Dateien hochzuladen.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Give up when the whole exchange, body included, takes longer than this.</source>
        <translation>Abbrechen, wenn der gesamte Austausch einschließlich Body länger dauert.</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Timeout:</translation>
    </message>
    <message>
        <source>Follow redirects</source>
        <translation>Weiterleitungen folgen</translation>
    </message>
    <message>
        <source>Off: a 3xx answer is shown as it came, with its Location header (as curl does without -L). On: Gatehouse follows it and shows the final answer.</source>
        <translation>Aus: Eine 3xx-Antwort wird unverändert mit ihrem Location-Header angezeigt (wie bei curl ohne -L). An: Gatehouse folgt der Weiterleitung und zeigt die endgültige Antwort.</translation>
    </message>
    <message>
        <source>Change timeout</source>
        <translation>Timeout ändern</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings •</source>
        <translation>Einstellungen •</translation>
    </message>
    <message>
        <source>Getting the OAuth 2.0 token…</source>
        <translation>OAuth-2.0-Token wird abgerufen…</translation>
    </message>
    <message>
        <source>Cannot get the OAuth 2.0 token: %1</source>
        <translation>Das OAuth-2.0-Token kann nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>Cancelled while getting the OAuth 2.0 token.</source>
        <translation>Beim Abrufen des OAuth-2.0-Tokens abgebrochen.</translation>
    </message>
    <message>
        <source>Inherit auth from the collection</source>
        <translation>Authentifizierung der Sammlung übernehmen</translation>
    </message>
    <message>
        <source>Send with the collection&apos;s auth (its collection.json), as `gatehouse run` does</source>
        <translation>Mit der Authentifizierung der Sammlung (aus ihrer collection.json) senden, wie es `gatehouse run` tut</translation>
    </message>
    <message>
        <source>Sent with the auth of the collection &apos;%1&apos;.</source>
        <translation>Wird mit der Authentifizierung der Sammlung &apos;%1&apos; gesendet.</translation>
    </message>
    <message>
        <source>Sent with the collection&apos;s auth once the collection is open.</source>
        <translation>Wird mit der Authentifizierung der Sammlung gesendet, sobald die Sammlung geöffnet ist.</translation>
    </message>
    <message>
        <source>&amp;Save Request</source>
        <translation>Anfrage &amp;speichern</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has unsaved changes. Save them before closing?</source>
        <translation>&apos;%1&apos; hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
    <message numerus="yes">
        <source>%n request tab(s) have unsaved changes. Save them before closing?</source>
        <translation>
            <numerusform>%n Anfrage-Reiter hat ungespeicherte Änderungen. Vor dem Schließen speichern?</numerusform>
            <numerusform>%n Anfrage-Reiter haben ungespeicherte Änderungen. Vor dem Schließen speichern?</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>This request inherits its auth from a collection that is not open; open %1 or untick &quot;Inherit auth from the collection&quot;.</source>
        <translation>Diese Anfrage übernimmt ihre Authentifizierung von einer Sammlung, die nicht geöffnet ist; öffnen Sie %1 oder deaktivieren Sie &quot;Authentifizierung der Sammlung übernehmen&quot;.</translation>
    </message>
    <message>
        <source>%1 Define them in the Variables tab or the collection&apos;s variables.</source>
        <translation>%1 Definieren Sie sie im Reiter &apos;Variablen&apos; oder in den Variablen der Sammlung.</translation>
    </message>
    <message>
        <source>pasted text</source>
        <translation>eingefügter Text</translation>
    </message>
    <message>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <source>This request has no body. Choose a kind above (JSON, XML, text, a form or a file) to send one.</source>
        <translation>Diese Anfrage hat keinen Body. Wählen Sie oben eine Art (JSON, XML, Text, Formular oder Datei), um einen zu senden.</translation>
    </message>
    <message>
        <source>Well-formed XML</source>
        <translation>Wohlgeformtes XML</translation>
    </message>
    <message>
        <source>Invalid XML: %1</source>
        <translation>Ungültiges XML: %1</translation>
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
    <message>
        <source>Signing</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Body (formatting…)</source>
        <translation>Body (wird formatiert…)</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>HttpOnly</source>
        <translation>HttpOnly</translation>
    </message>
    <message>
        <source>Secure</source>
        <translation>Secure</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Cookies</source>
        <translation>Cookies</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Timing</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Find in body (Ctrl+F)</source>
        <translation>Suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Enter: next match, Shift+Enter: previous; letters match in either case.</source>
        <translation>Enter: nächster Treffer, Umschalt+Enter: vorheriger; Groß-/Kleinschreibung wird ignoriert.</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the body as received to a file.</source>
        <translation>Den Body so, wie er empfangen wurde, in einer Datei speichern.</translation>
    </message>
    <message>
        <source>Save response body</source>
        <translation>Antwort-Body speichern</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not in the body.</source>
        <translation>&apos;%1&apos; kommt im Body nicht vor.</translation>
    </message>
    <message>
        <source>Could not save the body to %1: %2</source>
        <translation>Der Body konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Body (reading…)</source>
        <translation>Body (wird gelesen…)</translation>
    </message>
    <message>
        <source>(this host)</source>
        <translation>(dieser Host)</translation>
    </message>
    <message>
        <source>end of session</source>
        <translation>Sitzungsende</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Cookies (%1)</source>
        <translation>Cookies (%1)</translation>
    </message>
    <message>
        <source>Queued and name lookup</source>
        <translation>Warteschlange und Namensauflösung</translation>
    </message>
    <message>
        <source>Connect and TLS handshake</source>
        <translation>Verbinden und TLS-Handshake</translation>
    </message>
    <message>
        <source>Connect and send the request</source>
        <translation>Verbinden und Anfrage senden</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>Anfrage senden</translation>
    </message>
    <message>
        <source>on a reused connection</source>
        <translation>über eine wiederverwendete Verbindung</translation>
    </message>
    <message>
        <source>Waiting for the first byte</source>
        <translation>Warten auf das erste Byte</translation>
    </message>
    <message>
        <source>Download the body</source>
        <translation>Body herunterladen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <source>The body does not decode as %1.</source>
        <translation>Der Body lässt sich nicht als %1 dekodieren.</translation>
    </message>
    <message>
        <source>Preview shows images and HTML answers.</source>
        <translation>Die Vorschau zeigt Bilder und HTML-Antworten.</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Wird empfangen…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Body (receiving…)</source>
        <translation>Body (wird empfangen…)</translation>
    </message>
    <message>
        <source>Body (as received)</source>
        <translation>Body (wie empfangen)</translation>
    </message>
    <message>
        <source>[%1 more in the Body tab]</source>
        <translation>[weitere %1 im Reiter &apos;Body&apos;]</translation>
    </message>
    <message>
        <source>This %1 body went to %2 as it arrived; a formatted copy is written beside it. Save keeps the body as received; the files are removed when the answer is closed.</source>
        <translation>Dieser Body (%1) wurde beim Empfang direkt in %2 geschrieben; daneben wird eine formatierte Kopie abgelegt. &apos;Speichern&apos; behält den Body so, wie er empfangen wurde; die Dateien werden entfernt, wenn die Antwort geschlossen wird.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::SigningView</name>
    <message>
        <source>Send a request with AWS Signature V4 auth (Auth tab) to see here how it was signed: canonical request, string to sign, signature and Authorization header.</source>
        <translation>Senden Sie eine Anfrage mit AWS Signature V4 (Reiter &apos;Auth&apos;), um hier zu sehen, wie sie signiert wurde: kanonische Anfrage, zu signierende Zeichenkette, Signatur und Authorization-Header.</translation>
    </message>
    <message>
        <source>We signed</source>
        <translation>Von uns signiert</translation>
    </message>
    <message>
        <source>The server expected</source>
        <translation>Vom Server erwartet</translation>
    </message>
    <message>
        <source>Signed for service &lt;b&gt;%1&lt;/b&gt; in &lt;b&gt;%2&lt;/b&gt; with %3 (access key %4). Scope %5.</source>
        <translation>Signiert für den Dienst &lt;b&gt;%1&lt;/b&gt; in &lt;b&gt;%2&lt;/b&gt; mit %3 (Zugriffsschlüssel %4). Bereich %5.</translation>
    </message>
    <message>
        <source>Canonical request</source>
        <translation>Kanonische Anfrage</translation>
    </message>
    <message>
        <source>String to sign</source>
        <translation>Zu signierende Zeichenkette</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Authorization header</source>
        <translation>Authorization-Header</translation>
    </message>
    <message>
        <source>&lt;b&gt;The server refused the signature (%1).&lt;/b&gt;</source>
        <translation>&lt;b&gt;Der Server hat die Signatur abgelehnt (%1).&lt;/b&gt;</translation>
    </message>
    <message>
        <source> Lines that differ are marked ≠ (changed), − (only ours) and + (only the server&apos;s).</source>
        <translation> Abweichende Zeilen sind mit ≠ (geändert), − (nur bei uns) und + (nur beim Server) markiert.</translation>
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
    <name>Gatehouse::Ui::TokenInspector</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>%1 days %2 h</source>
        <translation>%1 Tagen %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Paste a JWT (header.payload.signature); a &quot;Bearer &quot; prefix is fine</source>
        <translation>JWT einfügen (header.payload.signature); ein Präfix &quot;Bearer &quot; ist erlaubt</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>JWKS URL</source>
        <translation>JWKS-URL</translation>
    </message>
    <message>
        <source>Issuer&apos;s OIDC discovery</source>
        <translation>OIDC-Discovery des Ausstellers</translation>
    </message>
    <message>
        <source>JWK, JWKS or PEM file</source>
        <translation>JWK-, JWKS- oder PEM-Datei</translation>
    </message>
    <message>
        <source>Shared secret (HS256/384/512)</source>
        <translation>Gemeinsames Geheimnis (HS256/384/512)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>optional: iss must equal this</source>
        <translation>optional: iss muss genau diesem Wert entsprechen</translation>
    </message>
    <message>
        <source>optional: aud (ID token) or client_id (access token)</source>
        <translation>optional: aud (ID-Token) oder client_id (Access-Token)</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Payload (claims)</source>
        <translation>Payload (Claims)</translation>
    </message>
    <message>
        <source>Signature and claims</source>
        <translation>Signatur und Claims</translation>
    </message>
    <message>
        <source>Keys from:</source>
        <translation>Schlüsselquelle:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <source>Audience / client:</source>
        <translation>Zielgruppe / Client:</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <source>Keys (*.json *.pem *.crt *.key);;All files (*)</source>
        <translation>Schlüssel (*.json *.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool id&gt;/.well-known/jwks.json</source>
        <translation>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool id&gt;/.well-known/jwks.json</translation>
    </message>
    <message>
        <source>the issuer URL; empty: the token&apos;s iss</source>
        <translation>die Aussteller-URL; leer: iss aus dem Token</translation>
    </message>
    <message>
        <source>path of a JWK, JWKS or PEM file</source>
        <translation>Pfad einer JWK-, JWKS- oder PEM-Datei</translation>
    </message>
    <message>
        <source>the shared secret (kept in memory only)</source>
        <translation>das gemeinsame Geheimnis (nur im Arbeitsspeicher gehalten)</translation>
    </message>
    <message>
        <source>Paste a token to decode it. Nothing is sent anywhere until you click Verify.</source>
        <translation>Fügen Sie ein Token ein, um es zu dekodieren. Es wird nichts gesendet, bevor Sie auf &apos;Prüfen&apos; klicken.</translation>
    </message>
    <message>
        <source>%1 token, %2 bytes; the signature is not checked until you click Verify.</source>
        <translation>%1-Token, %2 Bytes; die Signatur wird erst geprüft, wenn Sie auf &apos;Prüfen&apos; klicken.</translation>
    </message>
    <message>
        <source>The header decodes, but the payload is not a JWT claims set: %1</source>
        <translation>Der Header lässt sich dekodieren, aber die Payload ist kein JWT-Claims-Set: %1</translation>
    </message>
    <message>
        <source>No exp claim: this token never expires by itself.</source>
        <translation>Kein exp-Claim: Dieses Token läuft nicht von selbst ab.</translation>
    </message>
    <message>
        <source>Expires in %1</source>
        <translation>Läuft ab in %1</translation>
    </message>
    <message>
        <source>Expired %1 ago</source>
        <translation>Abgelaufen vor %1</translation>
    </message>
    <message>
        <source>Invalid (%1): %2</source>
        <translation>Ungültig (%1): %2</translation>
    </message>
    <message>
        <source>the %1 key</source>
        <translation>dem %1-Schlüssel</translation>
    </message>
    <message>
        <source>the %1 key with kid &quot;%2&quot;</source>
        <translation>dem %1-Schlüssel mit kid &quot;%2&quot;</translation>
    </message>
    <message>
        <source>Valid: the %1 signature verifies with %2, and the claims hold.</source>
        <translation>Gültig: Die %1-Signatur lässt sich mit %2 verifizieren, und die Claims sind erfüllt.</translation>
    </message>
    <message>
        <source>Paste a token that decodes first.</source>
        <translation>Fügen Sie zuerst ein Token ein, das sich dekodieren lässt.</translation>
    </message>
    <message>
        <source>Type the shared secret the token was signed with.</source>
        <translation>Geben Sie das gemeinsame Geheimnis ein, mit dem das Token signiert wurde.</translation>
    </message>
    <message>
        <source>Could not read the key file &apos;%1&apos;%2. Choose a JWK, JWKS or PEM file.</source>
        <translation>Die Schlüsseldatei &apos;%1&apos; konnte nicht gelesen werden%2. Wählen Sie eine JWK-, JWKS- oder PEM-Datei.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http(s) URL. Give the %2.</source>
        <translation>&apos;%1&apos; ist keine http(s)-URL. Geben Sie die %2 an.</translation>
    </message>
    <message>
        <source>issuer URL</source>
        <translation>Aussteller-URL</translation>
    </message>
    <message>
        <source>Fetching the keys from %1…</source>
        <translation>Schlüssel werden von %1 abgerufen…</translation>
    </message>
    <message>
        <source>Use as Bearer token</source>
        <translation>Als Bearer nutzen</translation>
    </message>
    <message>
        <source>Puts this token into the HTTP request builder&apos;s Auth tab and switches there.</source>
        <translation>Setzt dieses Token in den Auth-Tab des HTTP-Anfrage-Editors und wechselt dorthin.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::VersionCompareDialog</name>
    <message>
        <source>Compare versions</source>
        <translation>Versionen vergleichen</translation>
    </message>
    <message>
        <source>Compare versions of %1</source>
        <translation>Versionen von %1 vergleichen</translation>
    </message>
    <message>
        <source>Show environment values</source>
        <translation>Werte der Umgebungsvariablen anzeigen</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen:</translation>
    </message>
    <message>
        <source>with</source>
        <translation>mit</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Code SHA-256</source>
        <translation>Code-SHA-256</translation>
    </message>
    <message>
        <source>Code size</source>
        <translation>Codegröße</translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Same code and configuration.</source>
        <translation>Gleicher Code und gleiche Konfiguration.</translation>
    </message>
    <message>
        <source>Differs in: %1</source>
        <translation>Abweichungen bei: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::VersionTableModel</name>
    <message>
        <source>Values are hidden. Tick &quot;Show values&quot; to see them.</source>
        <translation>Die Werte sind ausgeblendet. Aktivieren Sie &quot;Werte anzeigen&quot;, um sie zu sehen.</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Code SHA-256</source>
        <translation>Code-SHA-256</translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>SHA-256 of the code (base64): %1
Size in bytes: %L2</source>
        <translation>SHA-256 des Codes (base64): %1
Größe in Bytes: %L2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::WebSocketConnectionView</name>
    <message>
        <source>Pong after %1 ms</source>
        <translation>Pong nach %1 ms</translation>
    </message>
    <message>
        <source>ws://127.0.0.1:4577/… or wss://abc123.execute-api.eu-west-1.amazonaws.com/prod</source>
        <translation>ws://127.0.0.1:4577/… oder wss://abc123.execute-api.eu-west-1.amazonaws.com/prod</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>No authentication</source>
        <translation>Keine Authentifizierung</translation>
    </message>
    <message>
        <source>Token in query (?token=)</source>
        <translation>Token in der Abfrage (?token=)</translation>
    </message>
    <message>
        <source>Bearer token header</source>
        <translation>Bearer-Token im Header</translation>
    </message>
    <message>
        <source>AWS SigV4 presigned URL</source>
        <translation>Mit AWS SigV4 vorsignierte URL</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. graphql-transport-ws</source>
        <translation>Kommagetrennt, z. B. graphql-transport-ws</translation>
    </message>
    <message>
        <source>Subprotocols</source>
        <translation>Subprotokolle</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Reconnect automatically</source>
        <translation>Automatisch neu verbinden</translation>
    </message>
    <message>
        <source>no pings</source>
        <translation>keine Pings</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Ping every </source>
        <translation>Ping alle </translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Binary (hex)</source>
        <translation>Binär (hex)</translation>
    </message>
    <message>
        <source>Binary from file…</source>
        <translation>Binär aus Datei…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Senden (Strg+Enter)</translation>
    </message>
    <message>
        <source>Message to send, e.g. {&quot;action&quot;:&quot;sendmessage&quot;,&quot;data&quot;:&quot;hi&quot;}</source>
        <translation>Zu sendende Nachricht, z. B. {&quot;action&quot;:&quot;sendmessage&quot;,&quot;data&quot;:&quot;hi&quot;}</translation>
    </message>
    <message>
        <source>Filter messages</source>
        <translation>Nachrichten filtern</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>Beide Richtungen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Select a message to see it whole</source>
        <translation>Wählen Sie eine Nachricht, um sie vollständig zu sehen</translation>
    </message>
    <message>
        <source>Export messages</source>
        <translation>Nachrichten exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Type the region.</source>
        <translation>Geben Sie die Region ein.</translation>
    </message>
    <message>
        <source>Looking up AWS credentials…</source>
        <translation>AWS-Anmeldedaten werden ermittelt…</translation>
    </message>
    <message>
        <source>No AWS credentials to sign with: %1</source>
        <translation>Keine AWS-Anmeldedaten zum Signieren: %1</translation>
    </message>
    <message>
        <source> (subprotocol %1)</source>
        <translation> (Subprotokoll %1)</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>Type bytes as hex pairs, e.g. 00 ff 10.</source>
        <translation>Geben Sie die Bytes als Hex-Paare ein, z. B. 00 ff 10.</translation>
    </message>
    <message>
        <source>Send a file as one binary message</source>
        <translation>Eine Datei als eine einzige binäre Nachricht senden</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Connect first, then send the file.</source>
        <translation>Stellen Sie zuerst eine Verbindung her und senden Sie dann die Datei.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Route…</source>
        <translation>Route…</translation>
    </message>
    <message>
        <source>Route keys of the emulator&apos;s API %1: inserts {&quot;action&quot;:&quot;&lt;route&gt;&quot;}, for a route selection expression of $request.body.action. Only the emulator lists routes.</source>
        <translation>Routenschlüssel der Emulator-API %1: fügt {&quot;action&quot;:&quot;&lt;route&gt;&quot;} ein, passend zum Routenauswahlausdruck $request.body.action. Nur der Emulator listet Routen auf.</translation>
    </message>
    <message>
        <source>The message is not a JSON object, so no &quot;action&quot; was added; fix or clear it first.</source>
        <translation>Die Nachricht ist kein JSON-Objekt, daher wurde kein &quot;action&quot; eingefügt; korrigieren oder leeren Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Region (default: from the host or the profile)</source>
        <translation>Region (Standard: aus dem Host oder dem Profil)</translation>
    </message>
    <message>
        <source>AWS keys</source>
        <translation>AWS-Schlüssel</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Mitlaufen</translation>
    </message>
    <message>
        <source>Scroll to each new message as it arrives</source>
        <translation>Zu jeder neuen Nachricht scrollen, sobald sie eintrifft</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the log as JSON Lines, one message per line</source>
        <translation>Das Protokoll als JSON Lines speichern, eine Nachricht pro Zeile</translation>
    </message>
    <message>
        <source>1 older message dropped</source>
        <translation>1 ältere Nachricht verworfen</translation>
    </message>
    <message>
        <source>%1 older messages dropped</source>
        <translation>%1 ältere Nachrichten verworfen</translation>
    </message>
    <message>
        <source>The log keeps the newest %1 messages or %2 MB of payload; older ones are dropped in blocks and exports start with a note saying how many.</source>
        <translation>Das Protokoll behält die neuesten %1 Nachrichten oder %2 MB Payload; ältere werden blockweise verworfen, und Exporte beginnen mit einem Hinweis, wie viele es waren.</translation>
    </message>
    <message>
        <source>Type the access key ID and the secret access key, or sign with a profile.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID und den geheimen Zugriffsschlüssel ein oder signieren Sie mit einem Profil.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::WebSocketConsole</name>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Show the server panel: live connections, post, inspect and drop</source>
        <translation>Den Serverbereich anzeigen: aktive Verbindungen, senden, untersuchen und trennen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::WebSocketServerPanel</name>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Untersuchen</translation>
    </message>
    <message>
        <source>Drop…</source>
        <translation>Trennen…</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Whose connections: one of the emulator&apos;s WebSocket APIs, or an API on AWS</source>
        <translation>Wessen Verbindungen: eine der WebSocket-APIs des Emulators oder eine API auf AWS</translation>
    </message>
    <message>
        <source>The URL clients connect to; @connections lives under the same stage</source>
        <translation>Die URL, mit der sich Clients verbinden; @connections liegt unter derselben Stage</translation>
    </message>
    <message>
        <source>The AWS profile whose credential chain signs the calls (empty: the default chain)</source>
        <translation>Das AWS-Profil, dessen Anmeldedatenkette die Aufrufe signiert (leer: die Standardkette)</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Refresh the list every two seconds while this panel is shown</source>
        <translation>Die Liste alle zwei Sekunden aktualisieren, solange dieser Bereich angezeigt wird</translation>
    </message>
    <message>
        <source>Connection id</source>
        <translation>Verbindungs-ID</translation>
    </message>
    <message>
        <source>Pick a row, or type an id $connect received (requestContext.connectionId)</source>
        <translation>Wählen Sie eine Zeile oder geben Sie eine ID ein, die $connect erhalten hat (requestContext.connectionId)</translation>
    </message>
    <message>
        <source>Text or JSON to post to the connection</source>
        <translation>Text oder JSON zum Senden an die Verbindung</translation>
    </message>
    <message>
        <source>Inspect shows the connection as @connections describes it</source>
        <translation>Untersuchen zeigt die Verbindung so, wie @connections sie beschreibt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Server&lt;/b&gt; — live connections through @connections</source>
        <translation>&lt;b&gt;Server&lt;/b&gt; — aktive Verbindungen über @connections</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 (emulator)</source>
        <translation>%1 · %2 · %3 (Emulator)</translation>
    </message>
    <message>
        <source>AWS endpoint (no listing)</source>
        <translation>AWS-Endpunkt (keine Auflistung)</translation>
    </message>
    <message>
        <source>AWS cannot list a WebSocket API&apos;s connections: type an id your $connect handler received (event.requestContext.connectionId).</source>
        <translation>AWS kann die Verbindungen einer WebSocket-API nicht auflisten: Geben Sie eine ID ein, die Ihr $connect-Handler erhalten hat (event.requestContext.connectionId).</translation>
    </message>
    <message>
        <source>The emulator is not running.</source>
        <translation>Der Emulator läuft nicht.</translation>
    </message>
    <message>
        <source>The emulator has not handed this window its keys yet; wait until it has started.</source>
        <translation>Der Emulator hat diesem Fenster seine Schlüssel noch nicht übergeben; warten Sie, bis er gestartet ist.</translation>
    </message>
    <message>
        <source>Type the API&apos;s URL, e.g. wss://abc123.execute-api.eu-west-1.amazonaws.com/production.</source>
        <translation>Geben Sie die URL der API ein, z. B. wss://abc123.execute-api.eu-west-1.amazonaws.com/production.</translation>
    </message>
    <message>
        <source>Give the whole URL (wss://ID.execute-api.REGION.amazonaws.com/STAGE), not only the id.</source>
        <translation>Geben Sie die vollständige URL an (wss://ID.execute-api.REGION.amazonaws.com/STAGE), nicht nur die ID.</translation>
    </message>
    <message>
        <source>Connection %1 is gone: it has closed, or the id is not one of this API&apos;s (410 GoneException).</source>
        <translation>Verbindung %1 existiert nicht mehr: Sie wurde geschlossen, oder die ID gehört nicht zu dieser API (410 GoneException).</translation>
    </message>
    <message>
        <source>Refused (403 %1): the signature or keys were not accepted. On AWS the profile must allow execute-api:ManageConnections on this API, in the API&apos;s region. %2</source>
        <translation>Abgelehnt (403 %1): Die Signatur oder die Schlüssel wurden nicht akzeptiert. Auf AWS muss das Profil execute-api:ManageConnections für diese API in der Region der API erlauben. %2</translation>
    </message>
    <message>
        <source>No answer from the server: %1</source>
        <translation>Keine Antwort vom Server: %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>Listing</source>
        <translation>Auflisten</translation>
    </message>
    <message>
        <source>%1 failed. %2</source>
        <translation>%1 fehlgeschlagen. %2</translation>
    </message>
    <message numerus="yes">
        <source>%n open connection(s), as of %1</source>
        <translation>
            <numerusform>%n offene Verbindung, Stand %1</numerusform>
            <numerusform>%n offene Verbindungen, Stand %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection %1 described.</source>
        <translation>Verbindung %1 abgefragt.</translation>
    </message>
    <message numerus="yes">
        <source>Posted %n byte(s) to %1.</source>
        <translation>
            <numerusform>%n Byte an %1 gesendet.</numerusform>
            <numerusform>%n Bytes an %1 gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop connection</source>
        <translation>Verbindung trennen</translation>
    </message>
    <message>
        <source>Close connection %1? The client sees the server close it, and $disconnect runs.</source>
        <translation>Verbindung %1 schließen? Der Client sieht, dass der Server sie schließt, und $disconnect wird ausgeführt.</translation>
    </message>
    <message>
        <source>Dropped %1.</source>
        <translation>%1 getrennt.</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Trennen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::WebSocketSnippetsPanel</name>
    <message>
        <source>Insert</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the composer&apos;s message under this name (the same name replaces it)</source>
        <translation>Die Nachricht aus dem Eingabefeld unter diesem Namen speichern (bei gleichem Namen wird sie ersetzt)</translation>
    </message>
    <message>
        <source>Name to save the message as</source>
        <translation>Name, unter dem die Nachricht gespeichert wird</translation>
    </message>
    <message>
        <source>Saved messages: double-click to insert, F2 to rename</source>
        <translation>Gespeicherte Nachrichten: Doppelklick zum Einfügen, F2 zum Umbenennen</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>Gespeicherte Nachrichten</translation>
    </message>
    <message>
        <source>Choose a saved message first.</source>
        <translation>Wählen Sie zuerst eine gespeicherte Nachricht.</translation>
    </message>
</context>
<context>
    <name>JwtClaims</name>
    <message>
        <source>%1, but not a number of seconds as RFC 7519 requires</source>
        <translation>%1, aber keine Anzahl von Sekunden, wie RFC 7519 es verlangt</translation>
    </message>
    <message>
        <source>%1: %2 (%3; local time %4)</source>
        <translation>%1: %2 (%3; Ortszeit %4)</translation>
    </message>
    <message>
        <source>Cognito ID token: who the user is, for the app; APIs check it with aud</source>
        <translation>Cognito-ID-Token: sagt der App, wer der Benutzer ist; APIs prüfen es anhand von aud</translation>
    </message>
    <message>
        <source>Cognito access token: what the caller may do, for APIs; they check client_id and scope</source>
        <translation>Cognito-Access-Token: sagt APIs, was der Aufrufer darf; sie prüfen client_id und scope</translation>
    </message>
    <message>
        <source>token_use names the kind of Cognito token; expected id or access</source>
        <translation>token_use gibt die Art des Cognito-Tokens an; erwartet wird id oder access</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 Sekunden</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tagen</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>Issuer: the Cognito user pool %1</source>
        <translation>Aussteller: der Cognito-Benutzerpool %1</translation>
    </message>
    <message>
        <source>Issuer: who signed the token; its keys are at &lt;iss&gt;/.well-known/jwks.json</source>
        <translation>Aussteller: wer das Token signiert hat; seine Schlüssel liegen unter &lt;iss&gt;/.well-known/jwks.json</translation>
    </message>
    <message>
        <source>Subject: the user&apos;s unique, unchanging id</source>
        <translation>Subjekt: die eindeutige, unveränderliche ID des Benutzers</translation>
    </message>
    <message>
        <source>Audience: the app client(s) the token is for</source>
        <translation>Zielgruppe: der oder die App-Clients, für die das Token bestimmt ist</translation>
    </message>
    <message>
        <source>The app client the access token was issued to</source>
        <translation>Der App-Client, für den das Access-Token ausgestellt wurde</translation>
    </message>
    <message>
        <source>Scopes granted, separated by spaces</source>
        <translation>Gewährte Scopes, durch Leerzeichen getrennt</translation>
    </message>
    <message>
        <source>The user&apos;s name in the user pool</source>
        <translation>Der Benutzername im Benutzerpool</translation>
    </message>
    <message>
        <source>The user pool groups the user belongs to</source>
        <translation>Die Gruppen im Benutzerpool, zu denen der Benutzer gehört</translation>
    </message>
    <message>
        <source>Whether the user confirmed the email address</source>
        <translation>Ob der Benutzer seine E-Mail-Adresse bestätigt hat</translation>
    </message>
    <message>
        <source>Token id: unique per token</source>
        <translation>Token-ID: für jedes Token eindeutig</translation>
    </message>
    <message>
        <source>Id of the sign-in that produced this token; revoking it revokes all its tokens</source>
        <translation>ID der Anmeldung, aus der dieses Token stammt; wird sie widerrufen, werden alle ihre Tokens widerrufen</translation>
    </message>
    <message>
        <source>Id of the sign-in event in Cognito</source>
        <translation>ID des Anmeldeereignisses in Cognito</translation>
    </message>
    <message>
        <source>The user&apos;s name (access tokens)</source>
        <translation>Der Benutzername (Access-Tokens)</translation>
    </message>
    <message>
        <source>Signature algorithm</source>
        <translation>Signaturalgorithmus</translation>
    </message>
    <message>
        <source>Key id: which key of the issuer&apos;s JWKS signed it</source>
        <translation>Schlüssel-ID: mit welchem Schlüssel aus dem JWKS des Ausstellers das Token signiert wurde</translation>
    </message>
    <message>
        <source>Media type of the token</source>
        <translation>Medientyp des Tokens</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Not valid before</source>
        <translation>Nicht gültig vor</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>The user signed in</source>
        <translation>Anmeldung des Benutzers</translation>
    </message>
</context>
<context>
    <name>SampleEvents</name>
    <message>
        <source>API Gateway HTTP API (payload 2.0)</source>
        <translation>API Gateway HTTP API (Payload 2.0)</translation>
    </message>
    <message>
        <source>API Gateway REST API proxy (payload 1.0)</source>
        <translation>API Gateway REST API, Proxy (Payload 1.0)</translation>
    </message>
    <message>
        <source>API Gateway HTTP API Lambda authorizer</source>
        <translation>API Gateway HTTP API, Lambda-Authorizer</translation>
    </message>
    <message>
        <source>API Gateway WebSocket $connect</source>
        <translation>API Gateway WebSocket $connect</translation>
    </message>
    <message>
        <source>API Gateway WebSocket message</source>
        <translation>API Gateway WebSocket, Nachricht</translation>
    </message>
    <message>
        <source>Lambda function URL</source>
        <translation>Lambda-Funktions-URL</translation>
    </message>
    <message>
        <source>AppSync resolver</source>
        <translation>AppSync-Resolver</translation>
    </message>
    <message>
        <source>Application Load Balancer target</source>
        <translation>Application Load Balancer, Ziel</translation>
    </message>
    <message>
        <source>Cognito user pool: pre sign-up trigger</source>
        <translation>Cognito-Benutzerpool: Pre-Sign-up-Trigger</translation>
    </message>
    <message>
        <source>Cognito user pool: pre token generation trigger</source>
        <translation>Cognito-Benutzerpool: Pre-Token-Generation-Trigger</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <source>expires in %1 min</source>
        <translation>läuft in %1 min ab</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>%1
Obtained by %2 at %3 UTC%4</source>
        <translation>%1
Erhalten über %2 um %3 UTC%4</translation>
    </message>
    <message>
        <source>Refresh failed: %1</source>
        <translation>Erneuern fehlgeschlagen: %1</translation>
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
