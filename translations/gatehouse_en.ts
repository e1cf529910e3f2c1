<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Gatehouse::Core::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n member}</numerusform>
            <numerusform>{%n members}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::CollectionsPanel</name>
    <message numerus="yes">
        <source>%n file(s) of this collection could not be read; they are listed in the tree with the reason.</source>
        <translation>
            <numerusform>%n file of this collection could not be read; it is listed in the tree with the reason.</numerusform>
            <numerusform>%n files of this collection could not be read; they are listed in the tree with the reason.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::EmulatorPanel</name>
    <message numerus="yes">
        <source>DynamoDB table, %n item(s)</source>
        <translation>
            <numerusform>DynamoDB table, %n item</numerusform>
            <numerusform>DynamoDB table, %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::GraphQLWorkbench</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema loaded: %n type(s).</source>
        <translation>
            <numerusform>Schema loaded: %n type.</numerusform>
            <numerusform>Schema loaded: %n types.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s); click one to mark its path</source>
        <translation>
            <numerusform>%n error; click it to mark its path</numerusform>
            <numerusform>%n errors; click one to mark its path</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An event came with %n error(s): %1</source>
        <translation>
            <numerusform>An event came with %n error: %1</numerusform>
            <numerusform>An event came with %n errors: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::HistoryPanel</name>
    <message numerus="yes">
        <source>%n broken line(s) of %1 were skipped.</source>
        <translation>
            <numerusform>%n broken line of %1 was skipped.</numerusform>
            <numerusform>%n broken lines of %1 were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forget all %n recorded request(s) and their answers? This cannot be undone.</source>
        <translation>
            <numerusform>Forget the %n recorded request and its answer? This cannot be undone.</numerusform>
            <numerusform>Forget all %n recorded requests and their answers? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::ImportDialog</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n problem(s) listed below</source>
        <translation>
            <numerusform>; %n problem listed below</numerusform>
            <numerusform>; %n problems listed below</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::RequestBuilderWidget</name>
    <message numerus="yes">
        <source>%n request tab(s) have unsaved changes. Save them before closing?</source>
        <translation>
            <numerusform>%n request tab has unsaved changes. Save it before closing?</numerusform>
            <numerusform>%n request tabs have unsaved changes. Save them before closing?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gatehouse::Ui::WebSocketServerPanel</name>
    <message numerus="yes">
        <source>%n open connection(s), as of %1</source>
        <translation>
            <numerusform>%n open connection, as of %1</numerusform>
            <numerusform>%n open connections, as of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Posted %n byte(s) to %1.</source>
        <translation>
            <numerusform>Posted %n byte to %1.</numerusform>
            <numerusform>Posted %n bytes to %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
