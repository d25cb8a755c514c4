<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DetectionDialog</name>
    <message numerus="yes">
        <source>%n item(s) found</source>
        <translation>
            <numerusform>%n item found</numerusform>
            <numerusform>%n items found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repeat(s) an item printed earlier</source>
        <translation>
            <numerusform>%n repeats an item printed earlier</numerusform>
            <numerusform>%n repeat an item printed earlier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the register</source>
        <translation>
            <numerusform>%n already in the register</numerusform>
            <numerusform>%n already in the register</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Store will add %n new recommendation(s) to the register</source>
        <translation>
            <numerusform>Store will add %n new recommendation to the register</numerusform>
            <numerusform>Store will add %n new recommendations to the register</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already there will not be stored again</source>
        <translation>
            <numerusform>; %n already there will not be stored again</numerusform>
            <numerusform>; %n already there will not be stored again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Store %n item(s)</source>
        <translation>
            <numerusform>&amp;Store %n item</numerusform>
            <numerusform>&amp;Store %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recommendation(s) stored</source>
        <translation>
            <numerusform>%n recommendation stored</numerusform>
            <numerusform>%n recommendations stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped: {0}</source>
        <translation>
            <numerusform>%n skipped: {0}</numerusform>
            <numerusform>%n skipped: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message numerus="yes">
        <source>%n recommendation(s)</source>
        <translation>
            <numerusform>%n recommendation</numerusform>
            <numerusform>%n recommendations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n document(s) imported</source>
        <translation>
            <numerusform>%n document imported</numerusform>
            <numerusform>%n documents imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library</source>
        <translation>
            <numerusform>%n already in the library</numerusform>
            <numerusform>%n already in the library</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n match(es) (plain text search: the search index is being rebuilt)</source>
        <translation>
            <numerusform>%n match (plain text search: the search index is being rebuilt)</numerusform>
            <numerusform>%n matches (plain text search: the search index is being rebuilt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n document(s)</source>
        <translation>
            <numerusform>in %n document</numerusform>
            <numerusform>in %n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestPanel</name>
    <message numerus="yes">
        <source>%n passage(s) found</source>
        <translation>
            <numerusform>%n passage found</numerusform>
            <numerusform>%n passages found</numerusform>
        </translation>
    </message>
</context>
</TS>
