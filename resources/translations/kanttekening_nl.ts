<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <source>The disk is full. Nothing that was already saved is lost: free some space and try again.</source>
        <translation>De schijf is vol. Wat al was opgeslagen, blijft bewaard: maak wat ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The library is busy with a change made elsewhere. Try again in a moment.</source>
        <translation>De bibliotheek is bezig met een wijziging van elders. Probeer het zo meteen opnieuw.</translation>
    </message>
    <message>
        <source>The library cannot be changed: its folder or database is read-only.</source>
        <translation>De bibliotheek kan niet worden gewijzigd: de map of de database is alleen-lezen.</translation>
    </message>
    <message>
        <source>The library database is damaged. Nothing more is written into it. Close Kanttekening: at the next start it offers to bring back the newest backup. Details are in {0}</source>
        <translation>De database van de bibliotheek is beschadigd. Er wordt niets meer in geschreven. Sluit Kanttekening: bij de volgende start biedt het aan de nieuwste back-up terug te zetten. Details staan in {0}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Everything saved before is kept. Details are in {0}</source>
        <translation>Er ging onverwacht iets mis. Alles wat eerder was opgeslagen, blijft bewaard. Details staan in {0}</translation>
    </message>
    <message>
        <source>The PDF of “{0}” ({1}) is missing from the library: {2} is not there. To bring it back, import the same PDF again (File → Import PDFs…). Your annotations on it are kept.</source>
        <translation>De PDF van “{0}” ({1}) ontbreekt in de bibliotheek: {2} is er niet. Importeer dezelfde PDF opnieuw om hem terug te zetten (Bestand → PDF&apos;s importeren…). Uw annotaties erop blijven bewaard.</translation>
    </message>
    <message>
        <source>Kanttekening</source>
        <translation>Kanttekening</translation>
    </message>
    <message>
        <source>Could not undo or redo: {0}</source>
        <translation>Ongedaan maken of opnieuw uitvoeren is mislukt: {0}</translation>
    </message>
    <message>
        <source>Create annotation</source>
        <translation>Annotatie maken</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>Annotatie bewerken</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Annotatie verwijderen</translation>
    </message>
    <message>
        <source>Create tag</source>
        <translation>Tag maken</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Naam van tag wijzigen</translation>
    </message>
    <message>
        <source>Move tag</source>
        <translation>Tag verplaatsen</translation>
    </message>
    <message>
        <source>Change tag</source>
        <translation>Tag wijzigen</translation>
    </message>
    <message>
        <source>Merge tags</source>
        <translation>Tags samenvoegen</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Tag verwijderen</translation>
    </message>
    <message>
        <source>Link response</source>
        <translation>Reactie koppelen</translation>
    </message>
    <message>
        <source>Change stance</source>
        <translation>Oordeel wijzigen</translation>
    </message>
    <message>
        <source>Change assessment</source>
        <translation>Beoordeling wijzigen</translation>
    </message>
    <message>
        <source>Unlink response</source>
        <translation>Reactie ontkoppelen</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Library and files</source>
        <translation>Bibliotheek en bestanden</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Bewerken</translation>
    </message>
    <message>
        <source>Reading and annotating</source>
        <translation>Lezen en annoteren</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Aanbevelingen</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>&amp;Import PDFs…</source>
        <translation>PDF&apos;s &amp;importeren…</translation>
    </message>
    <message>
        <source>Open &amp;another library…</source>
        <translation>Andere bibliotheek &amp;openen…</translation>
    </message>
    <message>
        <source>Load the sa&amp;mple documents</source>
        <translation>&amp;Voorbeelddocumenten laden</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>I&amp;nstellingen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Show the &amp;library</source>
        <translation>&amp;Bibliotheek tonen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Op&amp;nieuw</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiëren</translation>
    </message>
    <message>
        <source>Copy with c&amp;itation</source>
        <translation>Kopiëren met &amp;bronvermelding</translation>
    </message>
    <message>
        <source>Mark as &amp;recommendation</source>
        <translation>Markeren als &amp;aanbeveling</translation>
    </message>
    <message>
        <source>Mark as r&amp;esponse</source>
        <translation>Markeren als &amp;reactie</translation>
    </message>
    <message>
        <source>Mark as e&amp;vidence</source>
        <translation>Markeren als &amp;onderbouwing</translation>
    </message>
    <message>
        <source>Mark as c&amp;omment</source>
        <translation>Markeren als o&amp;pmerking</translation>
    </message>
    <message>
        <source>&amp;Delete annotation</source>
        <translation>Annotatie &amp;verwijderen</translation>
    </message>
    <message>
        <source>&amp;Codebook…</source>
        <translation>&amp;Codeboek…</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Inzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Uitzoomen</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Ware grootte</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>Passend op b&amp;reedte</translation>
    </message>
    <message>
        <source>Fit &amp;page</source>
        <translation>Passend op &amp;pagina</translation>
    </message>
    <message>
        <source>&amp;Go to page…</source>
        <translation>&amp;Ga naar pagina…</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>&amp;Zoeken…</translation>
    </message>
    <message>
        <source>&amp;Find in document…</source>
        <translation>Zoeken in &amp;document…</translation>
    </message>
    <message>
        <source>Next &amp;match</source>
        <translation>&amp;Volgende treffer</translation>
    </message>
    <message>
        <source>&amp;Previous match</source>
        <translation>Vo&amp;rige treffer</translation>
    </message>
    <message>
        <source>&amp;Debate mode</source>
        <translation>&amp;Debatmodus</translation>
    </message>
    <message>
        <source>&amp;Register of recommendations</source>
        <translation>&amp;Register van aanbevelingen</translation>
    </message>
    <message>
        <source>&amp;Detect recommendations…</source>
        <translation>Aanbevelingen &amp;herkennen…</translation>
    </message>
    <message>
        <source>&amp;Suggest responses</source>
        <translation>Reacties &amp;voorstellen</translation>
    </message>
    <message>
        <source>Side &amp;by side</source>
        <translation>&amp;Naast elkaar</translation>
    </message>
    <message>
        <source>&amp;Linked passages…</source>
        <translation>&amp;Gekoppelde passages…</translation>
    </message>
    <message>
        <source>Link to a re&amp;commendation…</source>
        <translation>Koppelen aan een &amp;aanbeveling…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Shift+slepen</translation>
    </message>
    <message>
        <source>Mark an area (a table, a figure) instead of text</source>
        <translation>Een gebied markeren (een tabel, een figuur) in plaats van tekst</translation>
    </message>
    <message>
        <source>Ctrl+wheel</source>
        <translation>Ctrl+scrollwiel</translation>
    </message>
    <message>
        <source>Zoom the page</source>
        <translation>De pagina in- of uitzoomen</translation>
    </message>
    <message>
        <source>Move through the document</source>
        <translation>Door het document bewegen</translation>
    </message>
    <message>
        <source>Clear the selection on the page</source>
        <translation>De selectie op de pagina opheffen</translation>
    </message>
    <message>
        <source>Down / Up, Enter</source>
        <translation>Omlaag / Omhoog, Enter</translation>
    </message>
    <message>
        <source>Choose a search result and open its page</source>
        <translation>Een zoekresultaat kiezen en de pagina openen</translation>
    </message>
    <message>
        <source>In debate mode: copy the passage with its source</source>
        <translation>In debatmodus: de passage met bron kopiëren</translation>
    </message>
    <message>
        <source>Leave debate mode</source>
        <translation>Debatmodus verlaten</translation>
    </message>
    <message>
        <source>Side by side: next / previous recommendation</source>
        <translation>Naast elkaar: volgende / vorige aanbeveling</translation>
    </message>
    <message>
        <source>Side by side: next / previous response</source>
        <translation>Naast elkaar: volgende / vorige reactie</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement between reviewers</source>
        <translation>Overeenstemming tussen beoordelaars</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <source>Judgements</source>
        <translation>Oordelen</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Gezamenlijk</translation>
    </message>
    <message>
        <source>Record the agreed stance…</source>
        <translation>Gezamenlijk oordeel vastleggen…</translation>
    </message>
    <message>
        <source>No recommendation has been judged by two or more reviewers yet.</source>
        <translation>Nog geen aanbeveling is door twee of meer beoordelaars beoordeeld.</translation>
    </message>
    <message>
        <source>{0} recommendations judged by two or more of: {1}</source>
        <translation>{0} aanbevelingen beoordeeld door twee of meer van: {1}</translation>
    </message>
    <message>
        <source>Plain agreement {0} %; Krippendorff&apos;s alpha nominal {1}, ordinal {2}</source>
        <translation>Eenvoudige overeenstemming {0} %; alfa van Krippendorff nominaal {1}, ordinaal {2}</translation>
    </message>
    <message>
        <source>{0} and {1}: {2} in common, agreement {3} %, Cohen&apos;s kappa {4}</source>
        <translation>{0} en {1}: {2} gemeenschappelijk, overeenstemming {3} %, kappa van Cohen {4}</translation>
    </message>
    <message>
        <source>{0}, p. {1}</source>
        <translation>{0}, p. {1}</translation>
    </message>
    <message>
        <source>Agreed stance</source>
        <translation>Gezamenlijk oordeel</translation>
    </message>
    <message>
        <source>The team agrees on:</source>
        <translation>Het team is het eens over:</translation>
    </message>
    <message>
        <source>Agreed assessment</source>
        <translation>Gezamenlijke beoordeling</translation>
    </message>
    <message>
        <source>The agreed assessment (optional):</source>
        <translation>De gezamenlijke beoordeling (niet verplicht):</translation>
    </message>
    <message>
        <source>Who agreed</source>
        <translation>Wie zijn het eens</translation>
    </message>
    <message>
        <source>Who agreed (names):</source>
        <translation>Wie zijn het eens (namen):</translation>
    </message>
</context>
<context>
    <name>AnnotationListModel</name>
    <message>
        <source>p. {0}</source>
        <translation>p. {0}</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>verweesd</translation>
    </message>
    <message>
        <source>(area)</source>
        <translation>(gebied)</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Notitie: {0}</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>All roles</source>
        <translation>Alle rollen</translation>
    </message>
    <message>
        <source>Filter by text</source>
        <translation>Filteren op tekst</translation>
    </message>
    <message>
        <source>Select text on the page, then press 1 recommendation, 2 response, 3 evidence or 4 comment. Shift+drag marks an area.</source>
        <translation>Selecteer tekst op de pagina en druk dan op 1 aanbeveling, 2 reactie, 3 onderbouwing of 4 opmerking. Slepen met Shift ingedrukt markeert een gebied.</translation>
    </message>
    <message>
        <source>Selected annotation</source>
        <translation>Geselecteerde annotatie</translation>
    </message>
    <message>
        <source>e.g. 1a</source>
        <translation>bijv. 1a</translation>
    </message>
    <message>
        <source>The colour of this annotation (right-click: use the role&apos;s colour)</source>
        <translation>De kleur van deze annotatie (rechtsklik: de kleur van de rol gebruiken)</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>Tags, gescheiden door komma&apos;s</translation>
    </message>
    <message>
        <source>Note (plain text)</source>
        <translation>Notitie (platte tekst)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Delete this annotation (Delete key in the list; undo with Ctrl+Z)</source>
        <translation>Deze annotatie verwijderen (Delete-toets in de lijst; ongedaan maken met Ctrl+Z)</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rol:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notitie:</translation>
    </message>
    <message>
        <source>{0} of {1} annotations</source>
        <translation>{0} van {1} annotaties</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle tags</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>Kleur van de annotatie</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>This library is already open in another Kanttekening window:
{0}</source>
        <translation>Deze bibliotheek is al geopend in een ander venster van Kanttekening:
{0}</translation>
    </message>
</context>
<context>
    <name>CodebookDialog</name>
    <message>
        <source>Codebook</source>
        <translation>Codeboek</translation>
    </message>
    <message>
        <source>Description of the selected tag (plain text)</source>
        <translation>Beschrijving van de geselecteerde tag (platte tekst)</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Nieuw…</translation>
    </message>
    <message>
        <source>New sub-tag…</source>
        <translation>Nieuwe subtag…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Naam wijzigen…</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>Verplaatsen…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>Samenvoegen met…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Kleur…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>{0}: used by {1} annotation(s), {2} with its sub-tags</source>
        <translation>{0}: gebruikt door {1} annotatie(s), {2} inclusief subtags</translation>
    </message>
    <message>
        <source>{0} tags</source>
        <translation>{0} tags</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Nieuwe tag</translation>
    </message>
    <message>
        <source>Name (use / for a sub-tag, e.g. Theme/Press):</source>
        <translation>Naam (gebruik / voor een subtag, bijv. Thema/Pers):</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Naam van tag wijzigen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nieuwe naam:</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>(hoogste niveau)</translation>
    </message>
    <message>
        <source>Move tag</source>
        <translation>Tag verplaatsen</translation>
    </message>
    <message>
        <source>Put “{0}” under:</source>
        <translation>“{0}” plaatsen onder:</translation>
    </message>
    <message>
        <source>Merge tags</source>
        <translation>Tags samenvoegen</translation>
    </message>
    <message>
        <source>Merge “{0}” into (its {1} annotation(s) get that tag instead):</source>
        <translation>“{0}” samenvoegen met (de {1} annotatie(s) krijgen dan die tag):</translation>
    </message>
    <message>
        <source>Tag colour</source>
        <translation>Kleur van de tag</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Tag verwijderen</translation>
    </message>
    <message>
        <source>Delete “{0}”? {1} annotation(s) use it or one of its {2} sub-tag(s); they keep everything else. You can undo this.</source>
        <translation>“{0}” verwijderen? {1} annotatie(s) gebruiken deze tag of een van de {2} subtag(s); al het andere blijft bij die annotaties behouden. U kunt dit ongedaan maken.</translation>
    </message>
</context>
<context>
    <name>DebateView</name>
    <message>
        <source>({0}, p. {1})</source>
        <translation>({0}, p. {1})</translation>
    </message>
    <message>
        <source>“{0}” {1}</source>
        <translation>“{0}” {1}</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Notitie: {0}</translation>
    </message>
    <message>
        <source>Debate mode</source>
        <translation>Debatmodus</translation>
    </message>
    <message>
        <source>Search… (Enter copies the passage with its source)</source>
        <translation>Zoeken… (Enter kopieert de passage met bronvermelding)</translation>
    </message>
    <message>
        <source>Esc leaves debate mode</source>
        <translation>Esc verlaat de debatmodus</translation>
    </message>
    <message>
        <source>Copy my &amp;note too (on its own line)</source>
        <translation>Ook mijn &amp;notitie kopiëren (op een eigen regel)</translation>
    </message>
    <message>
        <source>{0}, p. {1}</source>
        <translation>{0}, p. {1}</translation>
    </message>
    <message>
        <source>{0} matches</source>
        <translation>{0} treffers</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Geen treffers</translation>
    </message>
    <message>
        <source>(plain text search: the search index is being rebuilt)</source>
        <translation>(gewone tekstzoekactie: de zoekindex wordt opnieuw opgebouwd)</translation>
    </message>
    <message>
        <source>Copied: {0}</source>
        <translation>Gekopieerd: {0}</translation>
    </message>
</context>
<context>
    <name>DetectionDialog</name>
    <message>
        <source>Detected recommendations: {0}</source>
        <translation>Herkende aanbevelingen: {0}</translation>
    </message>
    <message>
        <source>already in the register</source>
        <translation>al in het register</translation>
    </message>
    <message>
        <source>not found on its page</source>
        <translation>niet gevonden op de pagina</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) found</source>
        <translation>
            <numerusform>%n punt gevonden</numerusform>
            <numerusform>%n punten gevonden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repeat(s) an item printed earlier</source>
        <translation>
            <numerusform>%n herhaalt een eerder afgedrukt punt</numerusform>
            <numerusform>%n herhalen een eerder afgedrukt punt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the register</source>
        <translation>
            <numerusform>%n al in het register</numerusform>
            <numerusform>%n al in het register</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1}; {2} (those are unchecked). Check what to store; double-click a label or text to edit it.</source>
        <translation>{0}: {1}; {2} (die zijn niet aangevinkt). Vink aan wat u wilt vastleggen; dubbelklik op een label of tekst om die te bewerken.</translation>
    </message>
    <message>
        <source>No numbered recommendations were found in this document.</source>
        <translation>In dit document zijn geen genummerde aanbevelingen gevonden.</translation>
    </message>
    <message>
        <source>&amp;Merge selected</source>
        <translation>Selectie &amp;samenvoegen</translation>
    </message>
    <message>
        <source>&amp;Drop selected</source>
        <translation>Selectie &amp;weglaten</translation>
    </message>
    <message>
        <source>Show in document</source>
        <translation>Tonen in document</translation>
    </message>
    <message>
        <source>&amp;Store checked items</source>
        <translation>Aangevinkte items &amp;opslaan</translation>
    </message>
    <message numerus="yes">
        <source>Store will add %n new recommendation(s) to the register</source>
        <translation>
            <numerusform>Vastleggen voegt %n nieuwe aanbeveling toe aan het register</numerusform>
            <numerusform>Vastleggen voegt %n nieuwe aanbevelingen toe aan het register</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already there will not be stored again</source>
        <translation>
            <numerusform>; %n die er al staat, wordt niet nog eens vastgelegd</numerusform>
            <numerusform>; %n die er al staan, worden niet nog eens vastgelegd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Store %n item(s)</source>
        <translation>
            <numerusform>%n punt &amp;vastleggen</numerusform>
            <numerusform>%n punten &amp;vastleggen</numerusform>
        </translation>
    </message>
    <message>
        <source>Store {0} recommendations</source>
        <translation>{0} aanbevelingen opslaan</translation>
    </message>
    <message numerus="yes">
        <source>%n recommendation(s) stored</source>
        <translation>
            <numerusform>%n aanbeveling vastgelegd</numerusform>
            <numerusform>%n aanbevelingen vastgelegd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped: {0}</source>
        <translation>
            <numerusform>%n overgeslagen: {0}</numerusform>
            <numerusform>%n overgeslagen: {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Storing recommendations</source>
        <translation>Bezig met opslaan van aanbevelingen</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pagina&apos;s</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotaties</translation>
    </message>
    <message>
        <source>{0} ({1} without text)</source>
        <translation>{0} ({1} zonder tekst)</translation>
    </message>
</context>
<context>
    <name>ExportPlugin</name>
    <message>
        <source>Export &amp;summary…</source>
        <translation>&amp;Samenvatting exporteren…</translation>
    </message>
    <message>
        <source>Export annotated &amp;PDF…</source>
        <translation>Geannoteerde &amp;PDF exporteren…</translation>
    </message>
    <message>
        <source>Export &amp;bundle…</source>
        <translation>&amp;Bundel exporteren…</translation>
    </message>
    <message>
        <source>Export &amp;REFI-QDA project…</source>
        <translation>&amp;REFI-QDA-project exporteren…</translation>
    </message>
    <message>
        <source>Import bundle…</source>
        <translation>Bundel importeren…</translation>
    </message>
    <message>
        <source>Import annotations from a PDF or &amp;Hypothesis…</source>
        <translation>Aantekeningen importeren uit een PDF of &amp;Hypothesis…</translation>
    </message>
    <message>
        <source>Exported to {0} in {1} s</source>
        <translation>Geëxporteerd naar {0} in {1} s</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>Samenvatting exporteren</translation>
    </message>
    <message>
        <source>Exporting the summary</source>
        <translation>Bezig met exporteren van de samenvatting</translation>
    </message>
    <message>
        <source>Export annotated PDF</source>
        <translation>Geannoteerde PDF exporteren</translation>
    </message>
    <message>
        <source>The library has no documents yet.</source>
        <translation>De bibliotheek bevat nog geen documenten.</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>Document:</translation>
    </message>
    <message>
        <source>Exporting the annotated PDF</source>
        <translation>Bezig met exporteren van de geannoteerde PDF</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Bundel exporteren</translation>
    </message>
    <message>
        <source>Web Annotation bundle (*.jsonld *.json)</source>
        <translation>Web Annotation-bundel (*.jsonld *.json)</translation>
    </message>
    <message>
        <source>Exporting the bundle</source>
        <translation>Bezig met exporteren van de bundel</translation>
    </message>
    <message>
        <source>Export REFI-QDA project</source>
        <translation>REFI-QDA-project exporteren</translation>
    </message>
    <message>
        <source>REFI-QDA project (*.qdpx)</source>
        <translation>REFI-QDA-project (*.qdpx)</translation>
    </message>
    <message>
        <source>Exporting the REFI-QDA project</source>
        <translation>Bezig met exporteren van het REFI-QDA-project</translation>
    </message>
    <message>
        <source>Import bundle</source>
        <translation>Bundel importeren</translation>
    </message>
    <message>
        <source>Web Annotation bundle (*.jsonld *.json);;All files (*)</source>
        <translation>Web Annotation-bundel (*.jsonld *.json);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Bundle imported</source>
        <translation>Bundel geïmporteerd</translation>
    </message>
    <message>
        <source>Importing the bundle</source>
        <translation>Bezig met importeren van de bundel</translation>
    </message>
    <message>
        <source>Import annotations</source>
        <translation>Aantekeningen importeren</translation>
    </message>
    <message>
        <source>Annotated PDF or Hypothesis export (*.pdf *.json);;All files (*)</source>
        <translation>PDF met aantekeningen of Hypothesis-export (*.pdf *.json);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Annotations imported</source>
        <translation>Aantekeningen geïmporteerd</translation>
    </message>
    <message>
        <source>Importing annotations</source>
        <translation>Bezig met importeren van de aantekeningen</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>&amp;Reading and annotating</source>
        <translation>&amp;Lezen en annoteren</translation>
    </message>
    <message>
        <source>&amp;Searching</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <source>Re&amp;commendations and responses</source>
        <translation>&amp;Aanbevelingen en reacties</translation>
    </message>
    <message>
        <source>&amp;Export and exchange</source>
        <translation>&amp;Exporteren en uitwisselen</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Wat ze doen</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>report</source>
        <translation>rapport</translation>
    </message>
    <message>
        <source>response</source>
        <translation>reactie</translation>
    </message>
    <message>
        <source>letter</source>
        <translation>brief</translation>
    </message>
    <message>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>other</source>
        <translation>overig</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Filter documents by title</source>
        <translation>Documenten filteren op titel</translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation>Uw bibliotheek is leeg</translation>
    </message>
    <message>
        <source>Import the PDFs you review (an evaluation report, the government&apos;s reply, letters) with the button below, or drop them on this window.</source>
        <translation>Importeer de PDF&apos;s die u beoordeelt (een evaluatierapport, de kabinetsreactie, brieven) met de knop hieronder, of sleep ze naar dit venster.</translation>
    </message>
    <message>
        <source>Import PDFs…</source>
        <translation>PDF&apos;s importeren…</translation>
    </message>
    <message>
        <source>Load the sample documents</source>
        <translation>Voorbeelddocumenten laden</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Naam wijzigen…</translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation>Uit de bibliotheek verwijderen…</translation>
    </message>
    <message>
        <source>Rename document</source>
        <translation>Naam van document wijzigen</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>Document verwijderen</translation>
    </message>
    <message>
        <source>Remove “{0}” and its {1} annotation(s) from the library? This cannot be undone.</source>
        <translation>“{0}” en de {1} annotatie(s) daarbij uit de bibliotheek verwijderen? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Link to a recommendation</source>
        <translation>Koppelen aan een aanbeveling</translation>
    </message>
    <message>
        <source>Type to filter by label or text…</source>
        <translation>Typ om te filteren op label of tekst…</translation>
    </message>
    <message>
        <source>{0} (linked already)</source>
        <translation>{0} (al gekoppeld)</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Koppelen</translation>
    </message>
    <message>
        <source>Stance:</source>
        <translation>Oordeel:</translation>
    </message>
    <message numerus="yes">
        <source>%n recommendation(s)</source>
        <translation>
            <numerusform>%n aanbeveling</numerusform>
            <numerusform>%n aanbevelingen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkedDock</name>
    <message>
        <source>Linked passages</source>
        <translation>Gekoppelde passages</translation>
    </message>
    <message>
        <source>Select an annotation in a document.</source>
        <translation>Selecteer een annotatie in een document.</translation>
    </message>
    <message>
        <source>Link to a recommendation…</source>
        <translation>Koppelen aan een aanbeveling…</translation>
    </message>
    <message>
        <source>Linked to “{0}”: {1}</source>
        <translation>Gekoppeld aan “{0}”: {1}</translation>
    </message>
    <message>
        <source>Nothing is linked to “{0}” yet.</source>
        <translation>Aan “{0}” is nog niets gekoppeld.</translation>
    </message>
    <message>
        <source>{0}: no response</source>
        <translation>{0}: geen reactie</translation>
    </message>
    <message>
        <source>{0} · {1}{2}, p. {3}
{4}</source>
        <translation>{0} · {1}{2}, p. {3}
{4}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kanttekening</source>
        <translation>Kanttekening</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliotheek</translation>
    </message>
    <message>
        <source>Library: {0}</source>
        <translation>Bibliotheek: {0}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtra</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Op&amp;nieuw</translation>
    </message>
    <message>
        <source>&amp;Check the library</source>
        <translation>Bibliotheek &amp;controleren</translation>
    </message>
    <message>
        <source>Show the library &amp;folder</source>
        <translation>Bibliotheek&amp;map openen</translation>
    </message>
    <message>
        <source>&amp;Back up the library now</source>
        <translation>Nu een &amp;back-up van de bibliotheek maken</translation>
    </message>
    <message>
        <source>&amp;Guides</source>
        <translation>&amp;Handleidingen</translation>
    </message>
    <message>
        <source>&amp;About Kanttekening</source>
        <translation>&amp;Over Kanttekening</translation>
    </message>
    <message>
        <source>{0} — Kanttekening ({1})</source>
        <translation>{0} — Kanttekening ({1})</translation>
    </message>
    <message>
        <source>Kanttekening ({0})</source>
        <translation>Kanttekening ({0})</translation>
    </message>
    <message>
        <source>This build has no reader.</source>
        <translation>Deze versie kan geen documenten tonen.</translation>
    </message>
    <message>
        <source>Import PDFs</source>
        <translation>PDF&apos;s importeren</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf);;All files (*)</source>
        <translation>PDF-documenten (*.pdf);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Bezig met importeren</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) imported</source>
        <translation>
            <numerusform>%n document geïmporteerd</numerusform>
            <numerusform>%n documenten geïmporteerd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library</source>
        <translation>
            <numerusform>%n al in de bibliotheek</numerusform>
            <numerusform>%n al in de bibliotheek</numerusform>
        </translation>
    </message>
    <message>
        <source>Some files were not imported</source>
        <translation>Sommige bestanden zijn niet geïmporteerd</translation>
    </message>
    <message>
        <source>Imported “{0}”: it is in the library.</source>
        <translation>“{0}” is geïmporteerd en staat in de bibliotheek.</translation>
    </message>
    <message>
        <source>“{0}” is encrypted. Password:</source>
        <translation>“{0}” is versleuteld. Wachtwoord:</translation>
    </message>
    <message>
        <source>The password for “{0}” was wrong. Try again:</source>
        <translation>Het wachtwoord voor “{0}” is onjuist. Probeer het opnieuw:</translation>
    </message>
    <message>
        <source>Encrypted PDF</source>
        <translation>Versleutelde PDF</translation>
    </message>
    <message>
        <source>Open another library (choose or create an empty folder)</source>
        <translation>Andere bibliotheek openen (kies of maak een lege map)</translation>
    </message>
    <message>
        <source>Check the library</source>
        <translation>Bibliotheek controleren</translation>
    </message>
    <message>
        <source>The library is in order.</source>
        <translation>De bibliotheek is in orde.</translation>
    </message>
    <message>
        <source>Problems were found.</source>
        <translation>Er zijn problemen gevonden.</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Bezig met controleren</translation>
    </message>
    <message>
        <source>Backup written to {0}</source>
        <translation>Back-up opgeslagen in {0}</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Bezig met back-up maken</translation>
    </message>
    <message>
        <source>The guide could not be opened.</source>
        <translation>De handleiding kon niet worden geopend.</translation>
    </message>
    <message>
        <source>About Kanttekening</source>
        <translation>Over Kanttekening</translation>
    </message>
    <message>
        <source>Kanttekening {0}

Offline review of policy documents: tag recommendations and responses, link them with a judgement, search and export.

Free software under the GNU Affero General Public License 3.0.</source>
        <translation>Kanttekening {0}

Offline beleidsdocumenten beoordelen: aanbevelingen en reacties taggen, ze met een oordeel aan elkaar koppelen, zoeken en exporteren.

Vrije software onder de GNU Affero General Public License 3.0.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>the file is not there (moved or deleted?)</source>
        <translation>het bestand is er niet (verplaatst of verwijderd?)</translation>
    </message>
    <message>
        <source>not a PDF file</source>
        <translation>geen PDF-bestand</translation>
    </message>
    <message>
        <source>the file cannot be read (no permission?)</source>
        <translation>het bestand kan niet worden gelezen (geen toestemming?)</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>het bestand is leeg</translation>
    </message>
    <message>
        <source>the file ends early; get a complete copy</source>
        <translation>het bestand houdt te vroeg op; haal een volledige kopie</translation>
    </message>
    <message>
        <source>the file is damaged beyond repair</source>
        <translation>het bestand is onherstelbaar beschadigd</translation>
    </message>
    <message>
        <source>the file is encrypted: a password is needed</source>
        <translation>het bestand is versleuteld: er is een wachtwoord nodig</translation>
    </message>
    <message>
        <source>the password is wrong</source>
        <translation>het wachtwoord klopt niet</translation>
    </message>
    <message>
        <source>the PDF reader could not read this file</source>
        <translation>de PDF-lezer kon dit bestand niet lezen</translation>
    </message>
    <message>
        <source>reading the file took too long and was stopped</source>
        <translation>het lezen duurde te lang en is gestopt</translation>
    </message>
    <message>
        <source>the file could not be stored in the library (disk full?)</source>
        <translation>het bestand kon niet in de bibliotheek worden opgeslagen (schijf vol?)</translation>
    </message>
    <message>
        <source>that document is no longer in the library</source>
        <translation>dat document staat niet meer in de bibliotheek</translation>
    </message>
    <message>
        <source>&apos;{title}&apos; has no text layer (a scan?): recommendations cannot be detected</source>
        <translation>‘{title}’ heeft geen tekstlaag (een scan?): er kunnen geen aanbevelingen in worden gevonden</translation>
    </message>
    <message>
        <source>could not place the passage on page {page}</source>
        <translation>de passage kon niet op pagina {page} worden gevonden</translation>
    </message>
    <message>
        <source>a recommendation cannot answer itself</source>
        <translation>een aanbeveling kan geen reactie op zichzelf zijn</translation>
    </message>
    <message>
        <source>database</source>
        <translation>database</translation>
    </message>
    <message>
        <source>files</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>schema</source>
        <translation>schema</translation>
    </message>
    <message>
        <source>search index</source>
        <translation>zoekindex</translation>
    </message>
    <message>
        <source>stray files</source>
        <translation>losse bestanden</translation>
    </message>
</context>
<context>
    <name>OcrController</name>
    <message>
        <source>&amp;Recognise text of scanned pages</source>
        <translation>Tekst van gescande pagina&apos;s &amp;herkennen</translation>
    </message>
    <message>
        <source>Recognise the text of the open document&apos;s pages that have no text layer (OCR)</source>
        <translation>De tekst herkennen van de pagina&apos;s zonder tekstlaag in het geopende document (OCR)</translation>
    </message>
    <message>
        <source>Every page of this document has text.</source>
        <translation>Elke pagina van dit document heeft tekst.</translation>
    </message>
    <message>
        <source>page {0} of {1}</source>
        <translation>pagina {0} van {1}</translation>
    </message>
    <message>
        <source>Recognising text</source>
        <translation>Tekst herkennen</translation>
    </message>
    <message>
        <source>Scanned pages cannot be recognised because Tesseract is not installed; install it with: sudo apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng</source>
        <translation>Gescande pagina&apos;s kunnen niet worden herkend omdat Tesseract niet is geïnstalleerd; installeer het met: sudo apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng</translation>
    </message>
    <message>
        <source>Scanned pages cannot be recognised because Tesseract&apos;s data for this language is missing; install it with: sudo apt-get install tesseract-ocr-nld tesseract-ocr-eng</source>
        <translation>Gescande pagina&apos;s kunnen niet worden herkend omdat de taalgegevens van Tesseract voor deze taal ontbreken; installeer ze met: sudo apt-get install tesseract-ocr-nld tesseract-ocr-eng</translation>
    </message>
    <message>
        <source>Text recognised on {0} of {1} page(s) of “{2}”</source>
        <translation>Tekst herkend op {0} van {1} pagina(&apos;s) van “{2}”</translation>
    </message>
    <message>
        <source>; {0} page(s) could not be read</source>
        <translation>; {0} pagina(&apos;s) konden niet worden gelezen</translation>
    </message>
    <message>
        <source> (stopped; run it again from the Tools menu to continue)</source>
        <translation> (gestopt; start het opnieuw in het menu Extra om verder te gaan)</translation>
    </message>
    <message>
        <source>Text recognition stopped because of an unexpected problem; the pages recognised so far are kept.</source>
        <translation>Tekstherkenning is gestopt door een onverwacht probleem; de tot nu toe herkende pagina&apos;s blijven bewaard.</translation>
    </message>
    <message>
        <source>Text recognition stopped: {0}</source>
        <translation>Tekstherkenning is gestopt: {0}</translation>
    </message>
</context>
<context>
    <name>OpRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Bezig met annuleren…</translation>
    </message>
</context>
<context>
    <name>PageThumbnails</name>
    <message>
        <source>Page {0}</source>
        <translation>Pagina {0}</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>No text layer on this page: its text cannot be selected or searched.</source>
        <translation>Deze pagina heeft geen tekstlaag: de tekst kan niet worden geselecteerd of doorzocht.</translation>
    </message>
    <message>
        <source>Text recognition could not read this page: its text cannot be selected or searched.</source>
        <translation>Tekstherkenning kon deze pagina niet lezen: de tekst kan niet worden geselecteerd of doorzocht.</translation>
    </message>
    <message>
        <source>No text layer on this page yet: its text is being recognised…</source>
        <translation>Deze pagina heeft nog geen tekstlaag: de tekst wordt herkend…</translation>
    </message>
    <message>
        <source>Recognised text (OCR)</source>
        <translation>Herkende tekst (OCR)</translation>
    </message>
    <message>
        <source>Recognised text (OCR), confidence {0} %</source>
        <translation>Herkende tekst (OCR), betrouwbaarheid {0} %</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>Store</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Pagina</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>already in the register</source>
        <translation>al in het register</translation>
    </message>
    <message>
        <source>a title over the items below it</source>
        <translation>een kop boven de items eronder</translation>
    </message>
    <message>
        <source>also printed on page {0} as {1}</source>
        <translation>staat ook op pagina {0} als {1}</translation>
    </message>
</context>
<context>
    <name>ReaderFeature</name>
    <message>
        <source>&amp;Annotate</source>
        <translation>&amp;Annoteren</translation>
    </message>
    <message>
        <source>Tags: colours, descriptions, rename, move, merge, delete</source>
        <translation>Tags: kleuren, beschrijvingen, naam wijzigen, verplaatsen, samenvoegen, verwijderen</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>Ga naar pagina</translation>
    </message>
    <message>
        <source>Page:</source>
        <translation>Pagina:</translation>
    </message>
    <message>
        <source>Page {0} could not be shown: {1}</source>
        <translation>Pagina {0} kan niet worden getoond: {1}</translation>
    </message>
    <message>
        <source>The page renderer stopped and was started again.</source>
        <translation>De paginaweergave was gestopt en is opnieuw gestart.</translation>
    </message>
</context>
<context>
    <name>ReaderTab</name>
    <message>
        <source>Page {0}</source>
        <translation>Pagina {0}</translation>
    </message>
    <message>
        <source>no text</source>
        <translation>geen tekst</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhoud</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pagina&apos;s</translation>
    </message>
    <message>
        <source>Go to page (Ctrl+G)</source>
        <translation>Ga naar pagina (Ctrl+G)</translation>
    </message>
    <message>
        <source>of {0}</source>
        <translation>van {0}</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Pagina</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Uitzoomen (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Inzoomen (Ctrl++)</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breedte</translation>
    </message>
    <message>
        <source>Fit width (Ctrl+8)</source>
        <translation>Passend op breedte (Ctrl+8)</translation>
    </message>
    <message>
        <source>Fit page (Ctrl+9)</source>
        <translation>Passend op pagina (Ctrl+9)</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>onleesbaar</translation>
    </message>
    <message>
        <source>OCR</source>
        <translation>OCR</translation>
    </message>
    <message>
        <source>{0} (page {1})</source>
        <translation>{0} (pagina {1})</translation>
    </message>
    <message>
        <source>Select text first (drag over it), or Shift+drag an area</source>
        <translation>Selecteer eerst tekst (sleep eroverheen), of sleep met Shift ingedrukt een gebied</translation>
    </message>
    <message>
        <source>“{0}” ({1}, p. {2})</source>
        <translation>“{0}” ({1}, p. {2})</translation>
    </message>
</context>
<context>
    <name>RecommendationsFeature</name>
    <message>
        <source>Re&amp;commendations</source>
        <translation>Aanbe&amp;velingen</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Aanbevelingen</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Naast elkaar</translation>
    </message>
    <message>
        <source>Import a report first.</source>
        <translation>Importeer eerst een rapport.</translation>
    </message>
    <message>
        <source>Detect recommendations</source>
        <translation>Aanbevelingen herkennen</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>Document:</translation>
    </message>
    <message>
        <source>Detecting recommendations</source>
        <translation>Bezig met herkennen van aanbevelingen</translation>
    </message>
    <message>
        <source>Select an annotation in a document first.</source>
        <translation>Selecteer eerst een annotatie in een document.</translation>
    </message>
    <message>
        <source>No linked passages</source>
        <translation>Geen gekoppelde passages</translation>
    </message>
    <message>
        <source>{0}: no response</source>
        <translation>{0}: geen reactie</translation>
    </message>
    <message>
        <source>{0} · {1}, p. {2}: {3}</source>
        <translation>{0} · {1}, p. {2}: {3}</translation>
    </message>
    <message>
        <source>Select the response passage in a document first.</source>
        <translation>Selecteer eerst de passage met de reactie in een document.</translation>
    </message>
    <message>
        <source>There are no recommendations yet.</source>
        <translation>Er zijn nog geen aanbevelingen.</translation>
    </message>
    <message>
        <source>Link a new response</source>
        <translation>Een nieuwe reactie koppelen</translation>
    </message>
    <message>
        <source>Linked as {0}</source>
        <translation>Gekoppeld als {0}</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>The library cannot be opened</source>
        <translation>De bibliotheek kan niet worden geopend</translation>
    </message>
    <message>
        <source>Nothing was changed: your stored PDFs and backups are all still there.</source>
        <translation>Er is niets veranderd: uw opgeslagen PDF&apos;s en back-ups zijn er nog allemaal.</translation>
    </message>
    <message>
        <source>{0} – {1} documents, {2} annotations</source>
        <translation>{0} – {1} documenten, {2} annotaties</translation>
    </message>
    <message>
        <source>{0} – fails its check, cannot be used</source>
        <translation>{0} – komt niet door de controle, onbruikbaar</translation>
    </message>
    <message>
        <source>Bringing back a backup replaces the database by that copy; the current file is kept beside it, renamed.</source>
        <translation>Een back-up terugzetten vervangt de database door die kopie; het huidige bestand blijft ernaast bewaard, onder een andere naam.</translation>
    </message>
    <message>
        <source>There are no backups of this library.</source>
        <translation>Er zijn geen back-ups van deze bibliotheek.</translation>
    </message>
    <message>
        <source>&amp;Restore newest backup</source>
        <translation>&amp;Nieuwste back-up terugzetten</translation>
    </message>
    <message>
        <source>&amp;Choose backup…</source>
        <translation>Back-up &amp;kiezen…</translation>
    </message>
    <message>
        <source>&amp;Open another library…</source>
        <translation>Andere bibliotheek &amp;openen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>The library database (library.sqlite) in {0} is missing, but the folder still holds the library&apos;s stored PDFs or backups. A sync tool or an incomplete copy may have removed it.</source>
        <translation>De database van de bibliotheek (library.sqlite) in {0} ontbreekt, maar de map bevat nog de opgeslagen PDF&apos;s of back-ups van de bibliotheek. Een synchronisatieprogramma of een onvolledige kopie heeft hem misschien verwijderd.</translation>
    </message>
    <message>
        <source>The library database (library.sqlite) in {0} is empty, but the folder still holds the library&apos;s stored PDFs or backups. A sync tool or an incomplete copy may have emptied it.</source>
        <translation>De database van de bibliotheek (library.sqlite) in {0} is leeg, maar de map bevat nog de opgeslagen PDF&apos;s of back-ups van de bibliotheek. Een synchronisatieprogramma of een onvolledige kopie heeft hem misschien leeggemaakt.</translation>
    </message>
    <message>
        <source>The library database in {0} is cut off: part of the file is missing.</source>
        <translation>De database van de bibliotheek in {0} is afgekapt: een deel van het bestand ontbreekt.</translation>
    </message>
    <message>
        <source>The library database in {0} cannot be read ({1}).</source>
        <translation>De database van de bibliotheek in {0} kan niet worden gelezen ({1}).</translation>
    </message>
    <message>
        <source>The library database in {0} is damaged ({1}).</source>
        <translation>De database van de bibliotheek in {0} is beschadigd ({1}).</translation>
    </message>
    <message>
        <source>Restore &amp;chosen backup</source>
        <translation>&amp;Gekozen back-up terugzetten</translation>
    </message>
    <message>
        <source>Open another library (choose or create an empty folder)</source>
        <translation>Andere bibliotheek openen (kies of maak een lege map)</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Aanbeveling</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Reacties</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Oordeel</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Beoordeling</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>overgenomen</translation>
    </message>
    <message>
        <source>partly accepted</source>
        <translation>deels overgenomen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>afgewezen</translation>
    </message>
    <message>
        <source>noted without commitment</source>
        <translation>voor kennisgeving aangenomen</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>geen reactie</translation>
    </message>
    <message>
        <source>no response yet</source>
        <translation>nog geen reactie</translation>
    </message>
    <message>
        <source>{0}, p. {1}</source>
        <translation>{0}, p. {1}</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>Filter by text…</source>
        <translation>Filteren op tekst…</translation>
    </message>
    <message>
        <source>Any stance</source>
        <translation>Elk oordeel</translation>
    </message>
    <message>
        <source>nothing linked yet</source>
        <translation>nog niets gekoppeld</translation>
    </message>
    <message>
        <source>Whose judgements the register shows</source>
        <translation>Wiens oordelen het register toont</translation>
    </message>
    <message>
        <source>No confirmed response yet</source>
        <translation>Nog geen bevestigde reactie</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Oordeel</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Reactie</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Vindplaats</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Beoordeling</translation>
    </message>
    <message>
        <source>Set stance</source>
        <translation>Oordeel instellen</translation>
    </message>
    <message>
        <source>Assessment…</source>
        <translation>Beoordeling…</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Ontkoppelen</translation>
    </message>
    <message>
        <source>Record: no response</source>
        <translation>Vastleggen: geen reactie</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Naast elkaar</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Reacties</translation>
    </message>
    <message>
        <source>Suggested responses</source>
        <translation>Voorgestelde reacties</translation>
    </message>
    <message>
        <source>Team (agreed judgement where recorded)</source>
        <translation>Team (gezamenlijk oordeel waar vastgelegd)</translation>
    </message>
    <message>
        <source>All reviewers side by side</source>
        <translation>Alle beoordelaars naast elkaar</translation>
    </message>
    <message>
        <source>Only {0}</source>
        <translation>Alleen {0}</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Elke tag</translation>
    </message>
    <message>
        <source>Any document</source>
        <translation>Elk document</translation>
    </message>
    <message>
        <source>{0} recommendations</source>
        <translation>{0} aanbevelingen</translation>
    </message>
    <message>
        <source>no response yet: {0}</source>
        <translation>nog geen reactie: {0}</translation>
    </message>
    <message>
        <source>coverage: {0} of {1} ({2} %)</source>
        <translation>dekking: {0} van {1} ({2} %)</translation>
    </message>
    <message>
        <source>{0} shown</source>
        <translation>{0} getoond</translation>
    </message>
    <message>
        <source>(no response)</source>
        <translation>(geen reactie)</translation>
    </message>
    <message>
        <source>{0}, p. {1}</source>
        <translation>{0}, p. {1}</translation>
    </message>
    <message>
        <source>Your assessment of this response:</source>
        <translation>Uw beoordeling van deze reactie:</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Notitie: {0}</translation>
    </message>
    <message>
        <source>Tags: {0}</source>
        <translation>Tags: {0}</translation>
    </message>
    <message>
        <source>Linked ({0}): {1} {2}</source>
        <translation>Gekoppeld ({0}): {1} {2}</translation>
    </message>
    <message>
        <source>p. {0} [{1}{2}]</source>
        <translation>p. {0} [{1}{2}]</translation>
    </message>
    <message>
        <source>p. {0} (recognised text, {1} %)</source>
        <translation>p. {0} (herkende tekst, {1} %)</translation>
    </message>
    <message>
        <source>p. {0}</source>
        <translation>p. {0}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Recommendation</source>
        <translation>Aanbeveling</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Reactie</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Onderbouwing</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Opmerking</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Indexing %p%</source>
        <translation>Indexeren %p%</translation>
    </message>
    <message>
        <source>Rebuild search &amp;index</source>
        <translation>Zoek&amp;index opnieuw opbouwen</translation>
    </message>
    <message>
        <source>No matches in this document</source>
        <translation>Geen treffers in dit document</translation>
    </message>
    <message>
        <source>Match on page {0} ({1} of {2} pages)</source>
        <translation>Treffer op pagina {0} ({1} van {2} pagina&apos;s met treffers)</translation>
    </message>
    <message>
        <source>The search index could not be used and is being rebuilt</source>
        <translation>De zoekindex was onbruikbaar en wordt opnieuw opgebouwd</translation>
    </message>
    <message>
        <source>Another program is updating the search index; results may be behind</source>
        <translation>Een ander programma werkt de zoekindex bij; resultaten lopen mogelijk achter</translation>
    </message>
    <message>
        <source>The search index is ready</source>
        <translation>De zoekindex is gereed</translation>
    </message>
    <message>
        <source>Search index: {0}</source>
        <translation>Zoekindex: {0}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search pages and annotations (Ctrl+K)</source>
        <translation>Pagina&apos;s en annotaties doorzoeken (Ctrl+K)</translation>
    </message>
    <message>
        <source>Words (all must match), &quot;a phrase&quot;, OR, -word or NOT word, prefix*, word~ (typos), doc: kind: role: tag: label: stance: page:10-20</source>
        <translation>Woorden (alle moeten voorkomen), &quot;een woordgroep&quot;, OR, -woord of NOT woord, begin*, woord~ (tikfouten), doc: kind: role: tag: label: stance: page:10-20</translation>
    </message>
    <message>
        <source>This document only</source>
        <translation>Alleen dit document</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>Relevantie</translation>
    </message>
    <message>
        <source>Document order</source>
        <translation>Volgorde in het document</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) (plain text search: the search index is being rebuilt)</source>
        <translation>
            <numerusform>%n treffer (gewone tekstzoektocht: de zoekindex wordt opnieuw opgebouwd)</numerusform>
            <numerusform>%n treffers (gewone tekstzoektocht: de zoekindex wordt opnieuw opgebouwd)</numerusform>
        </translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Geen treffers</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n treffer</numerusform>
            <numerusform>%n treffers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n document(s)</source>
        <translation>
            <numerusform>in %n document</numerusform>
            <numerusform>in %n documenten</numerusform>
        </translation>
    </message>
    <message>
        <source>(the index is catching up)</source>
        <translation>(de index werkt zich bij)</translation>
    </message>
    <message>
        <source>Typo-tolerant words (word~) are matched as typed.</source>
        <translation>Woorden met tikfouttolerantie (woord~) worden gezocht zoals getypt.</translation>
    </message>
    <message>
        <source>Excluded filters (-field:value) are not applied.</source>
        <translation>Uitsluitende filters (-veld:waarde) worden niet toegepast.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Taal:</translation>
    </message>
    <message>
        <source>Your name (stored with your annotations):</source>
        <translation>Uw naam (opgeslagen bij uw annotaties):</translation>
    </message>
    <message>
        <source>chosen when you join a team</source>
        <translation>gekozen zodra je aan een team deelneemt</translation>
    </message>
    <message>
        <source>Your short id (for team review):</source>
        <translation>Je korte id (voor beoordelen in een team):</translation>
    </message>
    <message>
        <source>The title of exported summaries and projects</source>
        <translation>De titel van geëxporteerde samenvattingen en projecten</translation>
    </message>
    <message>
        <source>Project name:</source>
        <translation>Projectnaam:</translation>
    </message>
    <message>
        <source>Colour of {0}:</source>
        <translation>Kleur voor {0}:</translation>
    </message>
    <message>
        <source>A change of language reopens the window when you press OK, with the same tabs (nothing is lost).</source>
        <translation>Een andere taal opent het venster opnieuw zodra u op OK drukt, met dezelfde tabbladen (er gaat niets verloren).</translation>
    </message>
</context>
<context>
    <name>SideBySide</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Vorige</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Volgende ▶</translation>
    </message>
    <message>
        <source>Suggest responses…</source>
        <translation>Reacties voorstellen…</translation>
    </message>
    <message>
        <source>Passages of the other documents that may answer this recommendation, in the register</source>
        <translation>Passages uit de andere documenten die op deze aanbeveling kunnen antwoorden, in het register</translation>
    </message>
    <message>
        <source>Next recommendation</source>
        <translation>Volgende aanbeveling</translation>
    </message>
    <message>
        <source>Previous recommendation</source>
        <translation>Vorige aanbeveling</translation>
    </message>
    <message>
        <source>Next response</source>
        <translation>Volgende reactie</translation>
    </message>
    <message>
        <source>Previous response</source>
        <translation>Vorige reactie</translation>
    </message>
    <message>
        <source>Previous recommendation (Alt+Up)</source>
        <translation>Vorige aanbeveling (Alt+Up)</translation>
    </message>
    <message>
        <source>Next recommendation (Alt+Down)</source>
        <translation>Volgende aanbeveling (Alt+Down)</translation>
    </message>
    <message>
        <source>No recommendation selected.</source>
        <translation>Geen aanbeveling geselecteerd.</translation>
    </message>
    <message>
        <source>{0} · {1} · {2}</source>
        <translation>{0} · {1} · {2}</translation>
    </message>
    <message>
        <source>{0}: {1}, p. {2}</source>
        <translation>{0}: {1}, p. {2}</translation>
    </message>
    <message>
        <source>no response linked yet</source>
        <translation>nog geen reactie gekoppeld</translation>
    </message>
    <message>
        <source>Recommendation {0} — {1}, p. {2}</source>
        <translation>Aanbeveling {0} — {1}, p. {2}</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Reactie</translation>
    </message>
    <message>
        <source>No response passage linked. “Suggest responses…” above lists passages that may answer it.</source>
        <translation>Geen passage als reactie gekoppeld. ‘Reacties voorstellen…’ hierboven toont passages die erop kunnen antwoorden.</translation>
    </message>
    <message>
        <source>Response — {0}, p. {1}</source>
        <translation>Reactie — {0}, p. {1}</translation>
    </message>
</context>
<context>
    <name>Stances</name>
    <message>
        <source>accepted</source>
        <translation>overgenomen</translation>
    </message>
    <message>
        <source>partly accepted</source>
        <translation>deels overgenomen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>afgewezen</translation>
    </message>
    <message>
        <source>noted without commitment</source>
        <translation>voor kennisgeving aangenomen</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>geen reactie</translation>
    </message>
</context>
<context>
    <name>SuggestPanel</name>
    <message>
        <source>Suggest responses</source>
        <translation>Reacties voorstellen</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Suggested stance</source>
        <translation>Voorgesteld oordeel</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Vindplaats</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Assessment (optional)</source>
        <translation>Beoordeling (optioneel)</translation>
    </message>
    <message>
        <source>Link as response</source>
        <translation>Koppelen als reactie</translation>
    </message>
    <message>
        <source>All other documents</source>
        <translation>Alle andere documenten</translation>
    </message>
    <message>
        <source>Looking for passages…</source>
        <translation>Bezig met zoeken naar passages…</translation>
    </message>
    <message>
        <source>Suggesting responses</source>
        <translation>Bezig met voorstellen van reacties</translation>
    </message>
    <message>
        <source>linked already</source>
        <translation>al gekoppeld</translation>
    </message>
    <message>
        <source>{0}, p. {1}</source>
        <translation>{0}, p. {1}</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) found</source>
        <translation>
            <numerusform>%n passage gevonden</numerusform>
            <numerusform>%n passages gevonden</numerusform>
        </translation>
    </message>
    <message>
        <source>No passage shares words with this recommendation.</source>
        <translation>Geen enkele passage heeft woorden gemeen met deze aanbeveling.</translation>
    </message>
    <message>
        <source>Link response</source>
        <translation>Reactie koppelen</translation>
    </message>
    <message>
        <source>Linking</source>
        <translation>Bezig met koppelen</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Export summary</source>
        <translation>Samenvatting exporteren</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formaat:</translation>
    </message>
    <message>
        <source>Language of headings and labels:</source>
        <translation>Taal van koppen en labels:</translation>
    </message>
    <message>
        <source>Only these documents:</source>
        <translation>Alleen deze documenten:</translation>
    </message>
    <message>
        <source>Only these tags:</source>
        <translation>Alleen deze tags:</translation>
    </message>
    <message>
        <source>Only these roles:</source>
        <translation>Alleen deze rollen:</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>HTML (web page, prints well)</source>
        <translation>HTML (webpagina, goed af te drukken)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Word (DOCX)</source>
        <translation>Word (DOCX)</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>CSV (one row per recommendation and response)</source>
        <translation>CSV (een rij per aanbeveling en reactie)</translation>
    </message>
    <message>
        <source>Excel (one row per recommendation and response)</source>
        <translation>Excel (een rij per aanbeveling en reactie)</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Aanbevelingen</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Reacties</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Onderbouwing</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Opmerkingen</translation>
    </message>
</context>
<context>
    <name>TagTreeModel</name>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Gebruikt</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
</context>
<context>
    <name>TeamPlugin</name>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <source>&amp;Join a team folder…</source>
        <translation>&amp;Deelnemen aan een teammap…</translation>
    </message>
    <message>
        <source>&amp;Sync with the team now</source>
        <translation>Nu &amp;synchroniseren met het team</translation>
    </message>
    <message>
        <source>&amp;Agreement between reviewers…</source>
        <translation>&amp;Overeenstemming tussen beoordelaars…</translation>
    </message>
    <message>
        <source>Team sync</source>
        <translation>Teamsynchronisatie</translation>
    </message>
    <message>
        <source>1 new judgement from {0}</source>
        <translation>1 nieuw oordeel van {0}</translation>
    </message>
    <message>
        <source>{0} new judgements from {1}</source>
        <translation>{0} nieuwe oordelen van {1}</translation>
    </message>
    <message>
        <source>Conflict copies read and merged: {0}</source>
        <translation>Conflictkopieën gelezen en samengevoegd: {0}</translation>
    </message>
    <message>
        <source>Documents brought in from the team folder: {0}</source>
        <translation>Documenten uit de teammap overgenomen: {0}</translation>
    </message>
    <message>
        <source>New work from {0}</source>
        <translation>Nieuw werk van {0}</translation>
    </message>
    <message>
        <source>Team sync did not complete: {0}</source>
        <translation>De teamsynchronisatie is niet voltooid: {0}</translation>
    </message>
    <message>
        <source>Choose the team&apos;s shared folder (or a git clone)</source>
        <translation>Kies de gedeelde map van het team (of een git-kloon)</translation>
    </message>
    <message>
        <source>Team folder</source>
        <translation>Teammap</translation>
    </message>
    <message>
        <source>Joining the team folder</source>
        <translation>Deelnemen aan de teammap</translation>
    </message>
</context>
</TS>
