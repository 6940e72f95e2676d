<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>EngineWorker</name>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Unerwarteter Fehler: %1</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Cannot read or write</source>
        <translation>Lesen oder Schreiben nicht möglich</translation>
    </message>
    <message>
        <source>Malformed file</source>
        <translation>Fehlerhafte Datei</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>Nicht unterstützt</translation>
    </message>
    <message>
        <source>Bad model configuration</source>
        <translation>Fehlerhafte Modellkonfiguration</translation>
    </message>
    <message>
        <source>Pickle checkpoint refused</source>
        <translation>Pickle-Checkpoint abgelehnt</translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation>Ungültige Eingabe</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>∞</source>
        <translation>∞</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore how attention heads use their RoPE dimensions.</source>
        <translation>Untersuchen Sie, wie Attention-Köpfe ihre RoPE-Dimensionen nutzen.</translation>
    </message>
    <message>
        <source>Model folder or results file (.h5) to open; demo (the default) or demo-nope opens a shipped demo model.</source>
        <translation>Zu öffnender Modellordner oder Ergebnisdatei (.h5); demo (Voreinstellung) oder demo-nope öffnet ein mitgeliefertes Demo-Modell.</translation>
    </message>
    <message>
        <source>The demo model is not installed (no %1); open a model folder instead.</source>
        <translation>Das Demo-Modell ist nicht installiert (%1 fehlt); öffnen Sie stattdessen einen Modellordner.</translation>
    </message>
    <message>
        <source>Render the window after loading, save it as PNG and exit.</source>
        <translation>Fenster nach dem Laden rendern, als PNG speichern und beenden.</translation>
    </message>
    <message>
        <source>Head to show (-1: mean over heads).</source>
        <translation>Anzuzeigender Kopf (-1: Mittel über alle Köpfe).</translation>
    </message>
    <message>
        <source>Export the figure after loading (.png or .svg) and exit.</source>
        <translation>Abbildung nach dem Laden exportieren (.png oder .svg) und beenden.</translation>
    </message>
    <message>
        <source>QA data (.jsonl) for a model folder: with the model&apos;s tokenizer.json, retrieval scores are computed too.</source>
        <translation>QA-Daten (.jsonl) für einen Modellordner: mit der tokenizer.json des Modells werden auch Retrieval-Werte berechnet.</translation>
    </message>
    <message>
        <source>Tab to show after loading: %1.</source>
        <translation>Nach dem Laden anzuzeigender Reiter: %1.</translation>
    </message>
    <message>
        <source>Answer sample n (1-based) of the QA data on the Sample page, unmasked and under --mask, before --export or --screenshot.</source>
        <translation>Beispiel n (ab 1 gezählt) der QA-Daten auf dem Reiter „Beispiel“ beantworten, ohne Maske und mit --mask, vor --export oder --screenshot.</translation>
    </message>
    <message>
        <source>Mask for --sample (mask syntax; default none).</source>
        <translation>Maske für --sample (Maskensyntax; Voreinstellung none).</translation>
    </message>
    <message>
        <source>After opening the model with QA data, run every analysis (Analysis ▸ Run… with its defaults).</source>
        <translation>Nach dem Öffnen des Modells mit QA-Daten alle Analysen ausführen (Analyse ▸ Ausführen… mit den Voreinstellungen).</translation>
    </message>
    <message>
        <source>Results file of --run-analyses (default: beside the model).</source>
        <translation>Ergebnisdatei von --run-analyses (Voreinstellung: neben dem Modell).</translation>
    </message>
    <message>
        <source>With --sample: a batch run of --mask over n samples per gold position.</source>
        <translation>Mit --sample: ein Batch-Lauf von --mask über n Beispiele je Gold-Position.</translation>
    </message>
    <message>
        <source>Take --screenshot this many seconds after start, whatever is running.</source>
        <translation>--screenshot so viele Sekunden nach dem Start aufnehmen, egal was gerade läuft.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1024x768; with a unit (180x120mm, 7x5in) or with --export-all, the size of exported figures (default 180x120mm).</source>
        <translation>Fenstergröße, z. B. 1024x768; mit einer Einheit (180x120mm, 7x5in) oder mit --export-all die Größe der exportierten Abbildungen (Voreinstellung 180x120mm).</translation>
    </message>
    <message>
        <source>Write every figure the results support into the folder (made when missing) and exit; no display needed.</source>
        <translation>Alle Abbildungen, die die Ergebnisse ermöglichen, in den Ordner schreiben (wird bei Bedarf angelegt) und beenden; keine Anzeige nötig.</translation>
    </message>
    <message>
        <source>Formats of --export-all, comma-separated: png, svg, pdf, csv (default all).</source>
        <translation>Formate für --export-all, durch Kommas getrennt: png, svg, pdf, csv (Voreinstellung: alle).</translation>
    </message>
    <message>
        <source>PNG resolution of exported figures (default 300).</source>
        <translation>PNG-Auflösung der exportierten Abbildungen (Voreinstellung 300).</translation>
    </message>
    <message>
        <source>Colour map of heatmaps: viridis (default), cividis, greys.</source>
        <translation>Farbskala der Heatmaps: viridis (Voreinstellung), cividis, greys.</translation>
    </message>
    <message>
        <source>Figure of the --tab to show (e.g. bands: q, k, profiles; positional: distance, rho).</source>
        <translation>Anzuzeigende Abbildung des mit --tab gewählten Reiters (z. B. bands: q, k, profiles; positional: distance, rho).</translation>
    </message>
    <message>
        <source>Select heads, the last one current, e.g. L1H0 or L0H2,L1H0 (Bands pins the earlier ones).</source>
        <translation>Köpfe auswählen, der letzte wird der aktuelle, z. B. L1H0 oder L0H2,L1H0 (der Reiter Bänder heftet die früheren an).</translation>
    </message>
    <message>
        <source>Results file (.h5) to open (as the path).</source>
        <translation>Zu öffnende Ergebnisdatei (.h5) (wie das Argument path).</translation>
    </message>
    <message>
        <source>Open the RoPE playground (no model needed) with preset n (1: Llama-2, 2: Llama-3.1, 3: Qwen2.5, 4: Gemma, 5: the demo); --screenshot and --size then apply to it.</source>
        <translation>Die RoPE-Spielwiese (kein Modell nötig) mit Vorlage n öffnen (1: Llama-2, 2: Llama-3.1, 3: Qwen2.5, 4: Gemma, 5: die Demo); --screenshot und --size gelten dann für sie.</translation>
    </message>
    <message>
        <source>Language of this run: en, de or zh_CN (View ▸ Language remembers one).</source>
        <translation>Sprache dieses Laufs: en, de oder zh_CN (Ansicht ▸ Sprache speichert eine dauerhaft).</translation>
    </message>
    <message>
        <source>--sample: no samples to answer (open a model folder with tokenizer.json and --data QA.jsonl)</source>
        <translation>--sample: keine Beispiele zu beantworten (öffnen Sie einen Modellordner mit tokenizer.json und --data QA.jsonl)</translation>
    </message>
    <message>
        <source>--sample %1: give 1 to %2</source>
        <translation>--sample %1: geben Sie 1 bis %2 an</translation>
    </message>
    <message>
        <source>--head %1: the model has %2 query heads (0 to %3)</source>
        <translation>--head %1: das Modell hat %2 Query-Köpfe (0 bis %3)</translation>
    </message>
    <message>
        <source>Train the toy experiment for n epochs on the Toy page (with its other defaults).</source>
        <translation>Das Spielzeugexperiment n Epochen lang auf dem Reiter „Spielzeug“ trainieren (sonst mit dessen Voreinstellungen).</translation>
    </message>
</context>
<context>
    <name>ropescope::app::AnalysisDialog</name>
    <message>
        <source>Projection row norms</source>
        <translation>Zeilennormen der Projektionen</translation>
    </message>
    <message>
        <source>L1 norms of the query/key projection rows per dim</source>
        <translation>L1-Normen der Zeilen der Query-/Key-Projektionen je Dimension</translation>
    </message>
    <message>
        <source>Retrieval scores</source>
        <translation>Retrieval-Werte</translation>
    </message>
    <message>
        <source>Attention mass of the question and answer on the documents</source>
        <translation>Attention-Masse von Frage und Antwort auf den Dokumenten</translation>
    </message>
    <message>
        <source>Utility scores</source>
        <translation>Nutzenwerte</translation>
    </message>
    <message>
        <source>A sparse query mask learned per layer (paper 1, Eq. 4); the slowest analysis</source>
        <translation>Eine je Schicht gelernte dünnbesetzte Query-Maske (Paper 1, Gl. 4); die langsamste Analyse</translation>
    </message>
    <message>
        <source>QA accuracy</source>
        <translation>QA-Genauigkeit</translation>
    </message>
    <message>
        <source>Answers of the unmasked model (and the mask sets)</source>
        <translation>Antworten des Modells ohne Maske (und mit den Maskensätzen)</translation>
    </message>
    <message>
        <source>Frequency-band norms</source>
        <translation>Frequenzband-Normen</translation>
    </message>
    <message>
        <source>Query and key norms per RoPE pair (Barbero et al.)</source>
        <translation>Query- und Key-Normen je RoPE-Paar (Barbero et al.)</translation>
    </message>
    <message>
        <source>Positional heads</source>
        <translation>Positionsköpfe</translation>
    </message>
    <message>
        <source>Dominant dims and Spearman ρ with distance (Hong et al.)</source>
        <translation>Dominante Dimensionen und Spearman-ρ mit dem Abstand (Hong et al.)</translation>
    </message>
    <message>
        <source>Rotation angles</source>
        <translation>Rotationswinkel</translation>
    </message>
    <message>
        <source>Turns of each RoPE pair over the context</source>
        <translation>Umdrehungen jedes RoPE-Paars über den Kontext</translation>
    </message>
    <message>
        <source>with paper 1&apos;s &amp;masks (first/last head_dim/8 and /4 dims of retrieval heads)</source>
        <translation>mit den &amp;Masken aus Paper 1 (erste/letzte head_dim/8 und /4 Dimensionen der Retrieval-Köpfe)</translation>
    </message>
    <message>
        <source>&amp;Resume: keep the samples this file already holds</source>
        <translation>&amp;Fortsetzen: die Beispiele behalten, die diese Datei bereits enthält</translation>
    </message>
    <message>
        <source>Run analyses</source>
        <translation>Analysen ausführen</translation>
    </message>
    <message>
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Samples per gold position (0: all)</source>
        <translation>Beispiele je Gold-Position (0: alle)</translation>
    </message>
    <message>
        <source>default: every position the samples hold (0,9,19 for one-passage data)</source>
        <translation>Voreinstellung: alle Positionen, die in den Beispielen vorkommen (0,9,19 bei Daten mit einer Passage)</translation>
    </message>
    <message>
        <source>0-based positions of the gold document, separated by commas</source>
        <translation>Positionen des Gold-Dokuments (ab 0 gezählt), durch Kommas getrennt</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Results file</source>
        <translation>Ergebnisdatei</translation>
    </message>
    <message>
        <source>RoPEScope results (*.h5)</source>
        <translation>RoPEScope-Ergebnisse (*.h5)</translation>
    </message>
    <message>
        <source>&amp;Samples per gold position:</source>
        <translation>&amp;Beispiele je Gold-Position:</translation>
    </message>
    <message>
        <source>&amp;Gold positions:</source>
        <translation>&amp;Gold-Positionen:</translation>
    </message>
    <message>
        <source>&amp;Output:</source>
        <translation>A&amp;usgabe:</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Choose at least one analysis.</source>
        <translation>Wählen Sie mindestens eine Analyse.</translation>
    </message>
    <message>
        <source>Gold positions are 0-based numbers separated by commas, not &apos;%1&apos;.</source>
        <translation>Gold-Positionen sind durch Kommas getrennte Zahlen ab 0, nicht „%1“.</translation>
    </message>
    <message>
        <source>Name the results file.</source>
        <translation>Geben Sie einen Namen für die Ergebnisdatei an.</translation>
    </message>
</context>
<context>
    <name>ropescope::app::EngineWorker</name>
    <message>
        <source>Unexpected error</source>
        <translation>Unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Computing projection row norms of %1</source>
        <translation>Berechne Zeilennormen der Projektionen von %1</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Lese %1</translation>
    </message>
    <message>
        <source>reading results</source>
        <translation>Ergebnisse lesen</translation>
    </message>
    <message>
        <source>Saving %1</source>
        <translation>Speichere %1</translation>
    </message>
    <message>
        <source>Analysing %1</source>
        <translation>Analysiere %1</translation>
    </message>
    <message>
        <source>loading the model</source>
        <translation>Modell laden</translation>
    </message>
    <message>
        <source>reading the QA data</source>
        <translation>QA-Daten lesen</translation>
    </message>
    <message>
        <source>%1 has no tokenizer.json: the QA data is not used, the analyses run on token ids</source>
        <translation>%1 hat keine tokenizer.json: die QA-Daten werden nicht verwendet, die Analysen laufen auf Token-IDs</translation>
    </message>
    <message>
        <source>checking the model</source>
        <translation>Modell prüfen</translation>
    </message>
    <message>
        <source>%1: %2 tensor(s) hold NaN or infinite values (%3%4); the model&apos;s outputs will be NaN</source>
        <translation>%1: %2 Tensor(en) enthalten NaN- oder unendliche Werte (%3%4); die Ausgaben des Modells werden NaN sein</translation>
    </message>
    <message>
        <source>Running analyses</source>
        <translation>Analysen ausführen</translation>
    </message>
    <message>
        <source>Training the toy experiment</source>
        <translation>Trainiere das Spielzeugexperiment</translation>
    </message>
</context>
<context>
    <name>ropescope::app::ExportDialog</name>
    <message>
        <source>Export All Figures</source>
        <translation>Alle Abbildungen exportieren</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <source>in</source>
        <translation>Zoll</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source> DPI</source>
        <translation> DPI</translation>
    </message>
    <message>
        <source>PNG pixels per inch of paper; text keeps its point size at any DPI</source>
        <translation>PNG-Pixel je Zoll Papier; Text behält bei jedem DPI-Wert seine Punktgröße</translation>
    </message>
    <message>
        <source>The colour map of heatmaps (signed values always use a diverging map centred on 0)</source>
        <translation>Die Farbskala der Heatmaps (vorzeichenbehaftete Werte verwenden immer eine divergierende Farbskala mit Mitte bei 0)</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>&amp;Auflösung:</translation>
    </message>
    <message>
        <source>&amp;Colour map:</source>
        <translation>&amp;Farbskala:</translation>
    </message>
    <message>
        <source>&amp;Formats:</source>
        <translation>F&amp;ormate:</translation>
    </message>
    <message>
        <source>%1 × %2 mm on paper; PNG %3 × %4 pixels</source>
        <translation>%1 × %2 mm auf Papier; PNG %3 × %4 Pixel</translation>
    </message>
    <message>
        <source> — choose at least one format</source>
        <translation> — wählen Sie mindestens ein Format</translation>
    </message>
</context>
<context>
    <name>ropescope::app::MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>RoPEScope</source>
        <translation>RoPEScope</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Results…</source>
        <translation>&amp;Ergebnisse öffnen…</translation>
    </message>
    <message>
        <source>&amp;Save Results As…</source>
        <translation>Ergebnisse &amp;speichern unter…</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>Abbildung e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About RoPEScope</source>
        <translation>Ü&amp;ber RoPEScope</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>Busy: cancel the running job first</source>
        <translation>Beschäftigt: brechen Sie zuerst die laufende Aufgabe ab</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Öffne %1…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Cancelled: showing the %1 of %2 layers that were done</source>
        <translation>Abgebrochen: die %1 von %2 fertigen Schichten werden gezeigt</translation>
    </message>
    <message>
        <source> · rope_scaling %1</source>
        <translation> · rope_scaling %1</translation>
    </message>
    <message>
        <source>RoPEScope — %1</source>
        <translation>RoPEScope — %1</translation>
    </message>
    <message>
        <source>Open Hugging Face model folder</source>
        <translation>Hugging-Face-Modellordner öffnen</translation>
    </message>
    <message>
        <source>Open results</source>
        <translation>Ergebnisse öffnen</translation>
    </message>
    <message>
        <source>RoPEScope results (*.h5 *.hdf5)</source>
        <translation>RoPEScope-Ergebnisse (*.h5 *.hdf5)</translation>
    </message>
    <message>
        <source>Save results</source>
        <translation>Ergebnisse speichern</translation>
    </message>
    <message>
        <source>RoPEScope results (*.h5)</source>
        <translation>RoPEScope-Ergebnisse (*.h5)</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Speichere %1…</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>About RoPEScope</source>
        <translation>Über RoPEScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;RoPEScope %1&lt;/h3&gt;&lt;p&gt;Explore how Rotary Position Embedding dimensions are used by the attention heads of language models.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. Plots by QCustomPlot (GPL-3.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RoPEScope %1&lt;/h3&gt;&lt;p&gt;Untersuchen Sie, wie die Attention-Köpfe von Sprachmodellen die Dimensionen der Rotary Position Embedding nutzen.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU General Public License, Version 3 oder später. Diagramme mit QCustomPlot (GPL-3.0).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Dimensionen</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>Köpfe</translation>
    </message>
    <message>
        <source>Retrieval vs utility</source>
        <translation>Retrieval vs. Nutzen</translation>
    </message>
    <message>
        <source>Bands</source>
        <translation>Bänder</translation>
    </message>
    <message>
        <source>Angles</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <source>QA</source>
        <translation>QA</translation>
    </message>
    <message>
        <source>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;See how attention heads use their RoPE dimensions.&lt;/p&gt;&lt;p&gt;Open a Hugging Face model folder (config.json + safetensors) with &lt;b&gt;File ▸ Open Model…&lt;/b&gt;, or drop the folder here. With QA data (&lt;b&gt;File ▸ Choose QA Data…&lt;/b&gt;) and the model&apos;s tokenizer.json, retrieval scores are computed too.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;Sehen Sie, wie Attention-Köpfe ihre RoPE-Dimensionen nutzen.&lt;/p&gt;&lt;p&gt;Öffnen Sie einen Hugging-Face-Modellordner (config.json + safetensors) mit &lt;b&gt;Datei ▸ Modell öffnen…&lt;/b&gt; oder ziehen Sie den Ordner hierher. Mit QA-Daten (&lt;b&gt;Datei ▸ QA-Daten wählen…&lt;/b&gt;) und der tokenizer.json des Modells werden auch Retrieval-Werte berechnet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Choose QA &amp;Data…</source>
        <translation>QA-&amp;Daten wählen…</translation>
    </message>
    <message>
        <source>Cancelled: showing the analyses that finished</source>
        <translation>Abgebrochen: die fertigen Analysen werden gezeigt</translation>
    </message>
    <message>
        <source>%1: the %2 tab has nothing to export</source>
        <translation>%1: der Reiter %2 hat nichts zu exportieren</translation>
    </message>
    <message>
        <source>Choose QA data</source>
        <translation>QA-Daten wählen</translation>
    </message>
    <message>
        <source>QA data (*.jsonl *.jsonl.gz);;All files (*)</source>
        <translation>QA-Daten (*.jsonl *.jsonl.gz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>QA data %1 is used for the next model you open</source>
        <translation>Die QA-Daten %1 werden für das nächste geöffnete Modell verwendet</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Answered sample %1 in %2 ms</source>
        <translation>Beispiel %1 in %2 ms beantwortet</translation>
    </message>
    <message>
        <source>Positional</source>
        <translation>Positionsköpfe</translation>
    </message>
    <message>
        <source>What the views show: the live model or a results file</source>
        <translation>Was die Ansichten zeigen: das Live-Modell oder eine Ergebnisdatei</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source> · about %1 s left</source>
        <translation> · noch etwa %1 s</translation>
    </message>
    <message>
        <source>Open Re&amp;cent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Export &amp;All Figures…</source>
        <translation>&amp;Alle Abbildungen exportieren…</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>&amp;Ausführen…</translation>
    </message>
    <message>
        <source>Run the analyses (retrieval, utility, QA accuracy, ...) on the live model and its QA data</source>
        <translation>Die Analysen (Retrieval, Nutzen, QA-Genauigkeit, ...) auf dem Live-Modell und seinen QA-Daten ausführen</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>An&amp;sicht</translation>
    </message>
    <message>
        <source>RoPE &amp;Playground</source>
        <translation>RoPE-S&amp;pielwiese</translation>
    </message>
    <message>
        <source>What RoPE does, without a model: frequencies, wavelengths and rotations for any base θ, head size, context and scaling</source>
        <translation>Was RoPE bewirkt, ohne Modell: Frequenzen, Wellenlängen und Rotationen für beliebige Basis θ, Kopfgröße, Kontextlänge und Skalierung</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>Clear the List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Opening %1 with %2…</source>
        <translation>Öffne %1 mit %2…</translation>
    </message>
    <message>
        <source>Analyses run on a live model opened with QA data and its tokenizer.json: open one first.</source>
        <translation>Analysen laufen auf einem Live-Modell, das mit QA-Daten und seiner tokenizer.json geöffnet wurde: öffnen Sie zuerst ein solches.</translation>
    </message>
    <message>
        <source>Running analyses into %1…</source>
        <translation>Führe Analysen aus, Ausgabe nach %1…</translation>
    </message>
    <message>
        <source>Batch: %1 samples per gold position into %2…</source>
        <translation>Batch: %1 Beispiele je Gold-Position nach %2…</translation>
    </message>
    <message>
        <source>%1 (live model)</source>
        <translation>%1 (Live-Modell)</translation>
    </message>
    <message>
        <source>%1 (results file)</source>
        <translation>%1 (Ergebnisdatei)</translation>
    </message>
    <message>
        <source>Added the analyses of %1 to the live model&apos;s views</source>
        <translation>Die Analysen aus %1 wurden den Ansichten des Live-Modells hinzugefügt</translation>
    </message>
    <message>
        <source>%1 holds results of another model (%2): shown beside the live model, which the Sample page keeps using; switch with the selector at the top right</source>
        <translation>%1 enthält Ergebnisse eines anderen Modells (%2): Sie werden neben dem Live-Modell gezeigt, das der Reiter Beispiel weiter verwendet; wechseln Sie mit der Auswahl oben rechts</translation>
    </message>
    <message>
        <source>Showing %1</source>
        <translation>Zeige %1</translation>
    </message>
    <message>
        <source>Batch cancelled: %1 keeps the samples that finished</source>
        <translation>Batch abgebrochen: %1 behält die fertigen Beispiele</translation>
    </message>
    <message>
        <source>Batch written to %1</source>
        <translation>Batch in %1 geschrieben</translation>
    </message>
    <message>
        <source>Cancelled: %1 keeps what finished; Analysis ▸ Run… with Resume continues it</source>
        <translation>Abgebrochen: %1 behält das Fertige; Analyse ▸ Ausführen… mit Fortsetzen setzt es fort</translation>
    </message>
    <message>
        <source>Analyses written to %1</source>
        <translation>Analysen in %1 geschrieben</translation>
    </message>
    <message>
        <source>L%1H%2</source>
        <translation>L%1H%2</translation>
    </message>
    <message>
        <source> · retrieval %1</source>
        <translation> · Retrieval %1</translation>
    </message>
    <message>
        <source> · utility first %1: %2, last %1: %3</source>
        <translation> · Nutzen erste %1: %2, letzte %1: %3</translation>
    </message>
    <message>
        <source> · ρ %1</source>
        <translation> · ρ %1</translation>
    </message>
    <message>
        <source>Live model %1</source>
        <translation>Live-Modell %1</translation>
    </message>
    <message>
        <source>Results file %1 of model %2</source>
        <translation>Ergebnisdatei %1 des Modells %2</translation>
    </message>
    <message>
        <source> · %1 · %2 layers · %3 query heads, %4 KV heads · head_dim %5 · hidden %6</source>
        <translation> · %1 · %2 Schichten · %3 Query-Köpfe, %4 KV-Köpfe · head_dim %5 · Hidden-Größe %6</translation>
    </message>
    <message>
        <source> · θ = %1</source>
        <translation> · θ = %1</translation>
    </message>
    <message>
        <source> · no rotary position embedding</source>
        <translation> · keine Rotary Position Embedding</translation>
    </message>
    <message>
        <source>no QA data</source>
        <translation>keine QA-Daten</translation>
    </message>
    <message>
        <source>QA data %1</source>
        <translation>QA-Daten %1</translation>
    </message>
    <message>
        <source>run on token ids</source>
        <translation>Lauf auf Token-IDs</translation>
    </message>
    <message>
        <source> · with the analyses of %1</source>
        <translation> · mit den Analysen aus %1</translation>
    </message>
    <message>
        <source> · live model (Sample page): %1</source>
        <translation> · Live-Modell (Reiter Beispiel): %1</translation>
    </message>
    <message>
        <source>%1: unknown figure format; use .png, .svg, .pdf or .csv</source>
        <translation>%1: unbekanntes Bildformat; verwenden Sie .png, .svg, .pdf oder .csv</translation>
    </message>
    <message>
        <source>%1: no figure format chosen</source>
        <translation>%1: kein Bildformat gewählt</translation>
    </message>
    <message>
        <source>%1: cannot make the folder</source>
        <translation>%1: Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: no tab has a figure to export</source>
        <translation>%1: kein Reiter hat eine Abbildung zu exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf);;CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <source>Export all figures into</source>
        <translation>Alle Abbildungen exportieren nach</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) into %1</source>
        <translation>
            <numerusform>%n Datei nach %1 exportiert</numerusform>
            <numerusform>%n Dateien nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>RoPEScope will speak %1 from its next start.</source>
        <translation>RoPEScope spricht ab dem nächsten Start %1.</translation>
    </message>
    <message>
        <source>&amp;Colour Map</source>
        <translation>&amp;Farbskala</translation>
    </message>
    <message>
        <source>&amp;Viridis</source>
        <translation>&amp;Viridis</translation>
    </message>
    <message>
        <source>&amp;Cividis (colour-blind safe)</source>
        <translation>&amp;Cividis (farbenblindtauglich)</translation>
    </message>
    <message>
        <source>&amp;Greys (print)</source>
        <translation>&amp;Graustufen (Druck)</translation>
    </message>
    <message>
        <source>Heatmaps of signed values (ρ) use a diverging map centred on 0 whatever is chosen here</source>
        <translation>Heatmaps vorzeichenbehafteter Werte (ρ) verwenden unabhängig von dieser Wahl eine divergierende Farbskala mit Mitte bei 0</translation>
    </message>
    <message>
        <source>Toy</source>
        <translation>Spielzeug</translation>
    </message>
    <message>
        <source>Toy experiment cancelled; the epochs done are in %1</source>
        <translation>Spielzeugexperiment abgebrochen; die fertigen Epochen stehen in %1</translation>
    </message>
    <message>
        <source>Toy experiment saved in %1</source>
        <translation>Spielzeugexperiment gespeichert in %1</translation>
    </message>
    <message>
        <source>&amp;Toy Experiment</source>
        <translation>&amp;Spielzeugexperiment</translation>
    </message>
    <message>
        <source>Paper 1&apos;s controlled experiment: one head learns with and without RoPE (no model needed)</source>
        <translation>Das kontrollierte Experiment aus Paper 1: ein Kopf lernt mit und ohne RoPE (kein Modell nötig)</translation>
    </message>
    <message>
        <source>Training the toy experiment into %1…</source>
        <translation>Trainiere das Spielzeugexperiment nach %1…</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>%1 (live)</source>
        <translation>%1 (live)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ropescope::app::PlaygroundWindow</name>
    <message>
        <source>RoPE Playground — RoPEScope</source>
        <translation>RoPE-Spielwiese — RoPEScope</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) &amp;Heatmap…</source>
        <translation>cos(θᵢ·Δ)-&amp;Heatmap…</translation>
    </message>
    <message>
        <source>&amp;Curves…</source>
        <translation>&amp;Kurven…</translation>
    </message>
    <message>
        <source>&amp;Wavelengths…</source>
        <translation>&amp;Wellenlängen…</translation>
    </message>
    <message>
        <source>&amp;Rotation…</source>
        <translation>&amp;Rotation…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>%1: unknown figure format; use .png or .svg</source>
        <translation>%1: unbekanntes Bildformat; verwenden Sie .png oder .svg</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>RoPEScope</source>
        <translation>RoPEScope</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::AnglesView</name>
    <message>
        <source>Needs rotation angles (/angles/turns).</source>
        <translation>Benötigt Rotationswinkel (/angles/turns).</translation>
    </message>
    <message>
        <source>pair %1 (dims %2, %3): %4 turns</source>
        <translation>Paar %1 (Dimensionen %2, %3): %4 Umdrehungen</translation>
    </message>
    <message>
        <source>
θ = %1 rad per token</source>
        <translation>
θ = %1 rad pro Token</translation>
    </message>
    <message>
        <source>
wavelength %1 tokens</source>
        <translation>
Wellenlänge %1 Token</translation>
    </message>
    <message>
        <source>
wraps past 2π</source>
        <translation>
überschreitet 2π</translation>
    </message>
    <message>
        <source>
stays within one turn</source>
        <translation>
bleibt unter einer Umdrehung</translation>
    </message>
    <message>
        <source>wraps past 2π (%1 pairs)</source>
        <translation>überschreitet 2π (%1 Paare)</translation>
    </message>
    <message>
        <source>stays within one turn (%1 pairs)</source>
        <translation>unter einer Umdrehung (%1 Paare)</translation>
    </message>
    <message>
        <source>1 turn (2π)</source>
        <translation>1 Umdrehung (2π)</translation>
    </message>
    <message>
        <source>pair i (frequency order: dims 2i, 2i+1; highest frequency first)</source>
        <translation>Paar i (Frequenzordnung: Dimensionen 2i, 2i+1; höchste Frequenz zuerst)</translation>
    </message>
    <message>
        <source>turns over the context (angle / 2π)</source>
        <translation>Umdrehungen über den Kontext (Winkel / 2π)</translation>
    </message>
    <message>
        <source>No rotation angles</source>
        <translation>Keine Rotationswinkel</translation>
    </message>
    <message>
        <source>Turns of each RoPE pair over %1 tokens</source>
        <translation>Umdrehungen jedes RoPE-Paars über %1 Token</translation>
    </message>
    <message>
        <source>Turns of each RoPE pair over the context</source>
        <translation>Umdrehungen jedes RoPE-Paars über den Kontext</translation>
    </message>
    <message>
        <source>This model has no rotary position embedding (NoPE): no pair rotates</source>
        <translation>Dieses Modell hat keine Rotary Position Embedding (NoPE): kein Paar rotiert</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::BandsView</name>
    <message>
        <source>, over %1 tokens</source>
        <translation>, über %1 Token</translation>
    </message>
    <message>
        <source>pair i (frequency order: dims 2i, 2i+1; highest frequency first)</source>
        <translation>Paar i (Frequenzordnung: Dimensionen 2i, 2i+1; höchste Frequenz zuerst)</translation>
    </message>
    <message>
        <source>Queries (q)</source>
        <translation>Queries (q)</translation>
    </message>
    <message>
        <source>Mean 2-norm of each query pair — %1</source>
        <translation>Mittlere 2-Norm jedes Query-Paars — %1</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>Paar</translation>
    </message>
    <message>
        <source>q pair norm</source>
        <translation>Norm des q-Paars</translation>
    </message>
    <message>
        <source>Keys (k)</source>
        <translation>Keys (k)</translation>
    </message>
    <message>
        <source>Mean 2-norm of each key pair — %1</source>
        <translation>Mittlere 2-Norm jedes Key-Paars — %1</translation>
    </message>
    <message>
        <source>k pair norm</source>
        <translation>Norm des k-Paars</translation>
    </message>
    <message>
        <source>Needs frequency-band norms (/bands/q_norm and /bands/k_norm).</source>
        <translation>Benötigt Frequenzband-Normen (/bands/q_norm und /bands/k_norm).</translation>
    </message>
    <message>
        <source>Layer heatmap</source>
        <translation>Schicht-Heatmap</translation>
    </message>
    <message>
        <source>Head profiles</source>
        <translation>Kopfprofile</translation>
    </message>
    <message>
        <source>pair index</source>
        <translation>Paarindex</translation>
    </message>
    <message>
        <source>wavelength (log)</source>
        <translation>Wellenlänge (log)</translation>
    </message>
    <message>
        <source>&amp;Pin Selected Head</source>
        <translation>Ausgewählten Kopf &amp;anheften</translation>
    </message>
    <message>
        <source>Keep the selected head&apos;s profile while other heads are selected (up to 8)</source>
        <translation>Das Profil des ausgewählten Kopfes beibehalten, während andere Köpfe ausgewählt werden (bis zu 8)</translation>
    </message>
    <message>
        <source>C&amp;lear Pins</source>
        <translation>Anheften auf&amp;heben</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>&amp;Darstellung:</translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation>&amp;X-Achse:</translation>
    </message>
    <message>
        <source>mean pair norm</source>
        <translation>mittlere Paarnorm</translation>
    </message>
    <message>
        <source>pair i (0 fastest)</source>
        <translation>Paar i (0 = am schnellsten)</translation>
    </message>
    <message>
        <source>pair i (dims 2i, 2i+1; the model has no rotary position embedding)</source>
        <translation>Paar i (Dimensionen 2i, 2i+1; das Modell hat keine Rotary Position Embedding)</translation>
    </message>
    <message>
        <source>queries (q)</source>
        <translation>Queries (q)</translation>
    </message>
    <message>
        <source>keys (k, the head&apos;s KV group)</source>
        <translation>Keys (k, KV-Gruppe des Kopfes)</translation>
    </message>
    <message>
        <source>wavelength 2π/θᵢ (tokens, log)</source>
        <translation>Wellenlänge 2π/θᵢ (Token, log)</translation>
    </message>
    <message>
        <source>No frequency-band norms</source>
        <translation>Keine Frequenzband-Normen</translation>
    </message>
    <message>
        <source>layer %1, mean over heads</source>
        <translation>Schicht %1, Mittel über alle Köpfe</translation>
    </message>
    <message>
        <source>positional ← | → semantic</source>
        <translation>positionell ← | → semantisch</translation>
    </message>
    <message>
        <source>Band norms per pair; pairs %1 and slower have wavelengths beyond the %2-token context</source>
        <translation>Bandnormen je Paar; Paar %1 und langsamere haben Wellenlängen jenseits des Kontexts von %2 Token</translation>
    </message>
    <message>
        <source>Band norms per pair</source>
        <translation>Bandnormen je Paar</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::CompareView</name>
    <message>
        <source>Mean q-row L1 norm</source>
        <translation>Mittlere L1-Norm der q-Zeilen</translation>
    </message>
    <message>
        <source>Mean utility</source>
        <translation>Mittlerer Nutzen</translation>
    </message>
    <message>
        <source>Mean q band norm</source>
        <translation>Mittlere q-Bandnorm</translation>
    </message>
    <message>
        <source>dim index</source>
        <translation>Dimensionsindex</translation>
    </message>
    <message>
        <source>relative position in the head</source>
        <translation>relative Position im Kopf</translation>
    </message>
    <message>
        <source>wavelength (log)</source>
        <translation>Wellenlänge (log.)</translation>
    </message>
    <message>
        <source>Models of different head_dim line up by relative position or by wavelength</source>
        <translation>Modelle mit unterschiedlichem head_dim werden nach relativer Position oder nach Wellenlänge ausgerichtet</translation>
    </message>
    <message>
        <source>Retrieval score</source>
        <translation>Retrieval-Wert</translation>
    </message>
    <message>
        <source>Positional ρ</source>
        <translation>Positions-ρ</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation>&amp;X-Achse:</translation>
    </message>
    <message>
        <source>&amp;Overview:</source>
        <translation>Ü&amp;bersicht:</translation>
    </message>
    <message>
        <source>Open two or more results files (File ▸ Open Results…) to compare their models.</source>
        <translation>Öffnen Sie zwei oder mehr Ergebnisdateien (Datei ▸ Ergebnisse öffnen…), um ihre Modelle zu vergleichen.</translation>
    </message>
    <message>
        <source>dim (frequency order: 0 fastest)</source>
        <translation>Dimension (Frequenzordnung: 0 am schnellsten)</translation>
    </message>
    <message>
        <source>relative position in the head (0 fastest, 1 slowest)</source>
        <translation>relative Position im Kopf (0 am schnellsten, 1 am langsamsten)</translation>
    </message>
    <message>
        <source>wavelength of the dim&apos;s pair (tokens, log)</source>
        <translation>Wellenlänge des Paars der Dimension (Token, log.)</translation>
    </message>
    <message>
        <source>mean query-row L1 norm</source>
        <translation>mittlere L1-Norm der Query-Zeilen</translation>
    </message>
    <message>
        <source>mean utility</source>
        <translation>mittlerer Nutzen</translation>
    </message>
    <message>
        <source>mean query band norm</source>
        <translation>mittlere Query-Bandnorm</translation>
    </message>
    <message>
        <source>Mean query-row L1 norm</source>
        <translation>Mittlere L1-Norm der Query-Zeilen</translation>
    </message>
    <message>
        <source>Mean query band norm</source>
        <translation>Mittlere Query-Bandnorm</translation>
    </message>
    <message>
        <source>%1 per dimension, one line per model (paper 1, Fig. 2)</source>
        <translation>%1 je Dimension, eine Linie je Modell (Paper 1, Abb. 2)</translation>
    </message>
    <message>
        <source>No model holds this profile</source>
        <translation>Kein Modell enthält dieses Profil</translation>
    </message>
    <message>
        <source>Positional ρ per head, one colour scale for every model</source>
        <translation>Positions-ρ je Kopf, eine Farbskala für alle Modelle</translation>
    </message>
    <message>
        <source>Retrieval score per head, one colour scale for every model</source>
        <translation>Retrieval-Wert je Kopf, eine Farbskala für alle Modelle</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>Spearman-ρ</translation>
    </message>
    <message>
        <source>retrieval score</source>
        <translation>Retrieval-Wert</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <source>No model holds this overview</source>
        <translation>Kein Modell enthält diese Übersicht</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::DimensionsView</name>
    <message>
        <source>&amp;Measure:</source>
        <translation>&amp;Messgröße:</translation>
    </message>
    <message>
        <source>Utility u</source>
        <translation>Nutzen u</translation>
    </message>
    <message>
        <source>Utility u of each dimension — %1</source>
        <translation>Nutzen u jeder Dimension — %1</translation>
    </message>
    <message>
        <source>dimension (frequency order: pair i = dims 2i, 2i+1)</source>
        <translation>Dimension (Frequenzordnung: Paar i = Dimensionen 2i, 2i+1)</translation>
    </message>
    <message>
        <source>dim</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>utility u (1 = needed)</source>
        <translation>Nutzen u (1 = benötigt)</translation>
    </message>
    <message>
        <source>Needs projection-row norms (/weights) or utility scores (/utility/u).</source>
        <translation>Benötigt Zeilennormen der Projektionen (/weights) oder Nutzenwerte (/utility/u).</translation>
    </message>
    <message>
        <source>Projection-row L1 norms</source>
        <translation>L1-Zeilennormen der Projektionen</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::HeadsView</name>
    <message>
        <source>&amp;Measure:</source>
        <translation>&amp;Messgröße:</translation>
    </message>
    <message>
        <source>Retrieval score</source>
        <translation>Retrieval-Wert</translation>
    </message>
    <message>
        <source>Retrieval score per head: attention on the instruction and documents</source>
        <translation>Retrieval-Wert je Kopf: Attention auf Anweisung und Dokumente</translation>
    </message>
    <message>
        <source>retrieval score</source>
        <translation>Retrieval-Wert</translation>
    </message>
    <message>
        <source>Positional ρ</source>
        <translation>Positions-ρ</translation>
    </message>
    <message>
        <source>Positional heads: Spearman ρ of distance against the dominant pair</source>
        <translation>Positionsköpfe: Spearman-ρ von Abstand und dominantem Paar</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>Spearman-ρ</translation>
    </message>
    <message>
        <source>Utility of the first %1 dims</source>
        <translation>Nutzen der ersten %1 Dimensionen</translation>
    </message>
    <message>
        <source>Mean utility of each head&apos;s first %1 dims (highest frequencies)</source>
        <translation>Mittlerer Nutzen der ersten %1 Dimensionen jedes Kopfes (höchste Frequenzen)</translation>
    </message>
    <message>
        <source>utility</source>
        <translation>Nutzen</translation>
    </message>
    <message>
        <source>Utility of the last %1 dims</source>
        <translation>Nutzen der letzten %1 Dimensionen</translation>
    </message>
    <message>
        <source>Mean utility of each head&apos;s last %1 dims (lowest frequencies)</source>
        <translation>Mittlerer Nutzen der letzten %1 Dimensionen jedes Kopfes (niedrigste Frequenzen)</translation>
    </message>
    <message>
        <source>Needs per-head scores: retrieval (/retrieval/score, from a run on QA data) or positional (/positional/rho).</source>
        <translation>Benötigt Werte je Kopf: Retrieval (/retrieval/score, aus einem Lauf auf QA-Daten) oder Position (/positional/rho).</translation>
    </message>
    <message>
        <source>No per-head scores</source>
        <translation>Keine Werte je Kopf</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <source>Click a head (or move with the arrow keys) to select it in the other views.</source>
        <translation>Klicken Sie auf einen Kopf (oder bewegen Sie sich mit den Pfeiltasten), um ihn in den anderen Ansichten auszuwählen.</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::HeatmapView</name>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>row %1, col %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::LayerSliceView</name>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>&amp;Kopf:</translation>
    </message>
    <message>
        <source>Mean over heads</source>
        <translation>Mittel über alle Köpfe</translation>
    </message>
    <message>
        <source>KV head %1</source>
        <translation>KV-Kopf %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>Kopf %1</translation>
    </message>
    <message>
        <source>Nothing to show</source>
        <translation>Nichts anzuzeigen</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>mean over heads</source>
        <translation>Mittel über alle Köpfe</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Kopf %1</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>layer %1, %2, %3 %4: %5</source>
        <translation>Schicht %1, %2, %3 %4: %5</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::PlotExport</name>
    <message>
        <source>cannot write: no file name given</source>
        <translation>kann nicht schreiben: kein Dateiname angegeben</translation>
    </message>
    <message>
        <source>cannot write: size %1x%2 is not positive</source>
        <translation>kann nicht schreiben: Größe %1x%2 ist nicht positiv</translation>
    </message>
    <message>
        <source>cannot write: scale %1 is not positive</source>
        <translation>kann nicht schreiben: Skalierung %1 ist nicht positiv</translation>
    </message>
    <message>
        <source>cannot write: %1x%2 at scale %3 exceeds %4 pixels a side</source>
        <translation>kann nicht schreiben: %1x%2 bei Skalierung %3 überschreitet %4 Pixel je Seite</translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation>kann nicht schreiben: %1</translation>
    </message>
    <message>
        <source>unknown figure format &apos;%1&apos; in &apos;%2&apos;; use png, svg, pdf or csv</source>
        <translation>unbekanntes Bildformat „%1“ in „%2“; verwenden Sie png, svg, pdf oder csv</translation>
    </message>
    <message>
        <source>figure format &apos;%1&apos; is named twice in &apos;%2&apos;</source>
        <translation>Bildformat „%1“ ist in „%2“ doppelt angegeben</translation>
    </message>
    <message>
        <source>figure size &apos;%1&apos; is not WIDTHxHEIGHT with mm, in or px (e.g. 180x120mm)</source>
        <translation>Abbildungsgröße „%1“ hat nicht die Form BREITExHÖHE mit mm, in oder px (z. B. 180x120mm)</translation>
    </message>
    <message>
        <source>figure size &apos;%1&apos; is not positive</source>
        <translation>Abbildungsgröße „%1“ ist nicht positiv</translation>
    </message>
    <message>
        <source>%1 DPI is outside %2 to %3</source>
        <translation>%1 DPI liegt außerhalb von %2 bis %3</translation>
    </message>
    <message>
        <source>size %1 is not positive</source>
        <translation>Größe %1 ist nicht positiv</translation>
    </message>
    <message>
        <source>size %1 is too small (at least %2 mm a side)</source>
        <translation>Größe %1 ist zu klein (mindestens %2 mm je Seite)</translation>
    </message>
    <message>
        <source>%1 rendering failed</source>
        <translation>%1-Rendering fehlgeschlagen</translation>
    </message>
    <message>
        <source>cannot write: size %1 at %2 DPI exceeds %3 pixels a side</source>
        <translation>Schreiben nicht möglich: Größe %1 bei %2 DPI überschreitet %3 Pixel je Seite</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::PositionalView</name>
    <message>
        <source>rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <source>ρ</source>
        <translation>ρ</translation>
    </message>
    <message>
        <source>dominant pair</source>
        <translation>dominantes Paar</translation>
    </message>
    <message>
        <source>share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Spearman ρ of token distance against the dominant pair</source>
        <translation>Spearman-ρ von Token-Abstand und dominantem Paar</translation>
    </message>
    <message>
        <source>The pair (frequency order, 0 fastest) that dominates q·k most often</source>
        <translation>Das Paar (Frequenzordnung, 0 = am schnellsten), das q·k am häufigsten dominiert</translation>
    </message>
    <message>
        <source>Share of analysed (query, key) pairs it dominates</source>
        <translation>Anteil der analysierten (Query, Key)-Paare, die es dominiert</translation>
    </message>
    <message>
        <source>%1: ρ %2, dominant %3 %4</source>
        <translation>%1: ρ %2, dominant: %3 %4</translation>
    </message>
    <message>
        <source>token distance (query − key)</source>
        <translation>Token-Abstand (Query − Key)</translation>
    </message>
    <message>
        <source>dim</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>Paar</translation>
    </message>
    <message>
        <source>dominant %1</source>
        <translation>Dominant (%1)</translation>
    </message>
    <message>
        <source>Spearman ρ of distance against the dominant %1</source>
        <translation>Spearman-ρ von Abstand und dominantem Index (%1)</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>Spearman-ρ</translation>
    </message>
    <message>
        <source>%1 (query, key) pairs per head from %2 sequences; sorted by |ρ|. Click a row to select the head.</source>
        <translation>Je Kopf %1 (Query, Key)-Paare aus %2 Sequenzen; sortiert nach |ρ|. Klicken Sie auf eine Zeile, um den Kopf auszuwählen.</translation>
    </message>
    <message>
        <source>Sorted by |ρ|. Click a row to select the head.</source>
        <translation>Sortiert nach |ρ|. Klicken Sie auf eine Zeile, um den Kopf auszuwählen.</translation>
    </message>
    <message>
        <source>No positional heads</source>
        <translation>Keine Positionsköpfe</translation>
    </message>
    <message>
        <source>Needs positional heads (/positional/rho): run the positional analysis.</source>
        <translation>Benötigt Positionsköpfe (/positional/rho): führen Sie die positional-Analyse aus.</translation>
    </message>
    <message>
        <source>No dominant-pair-by-distance data in these results</source>
        <translation>Keine Daten zum dominanten Paar nach Abstand in diesen Ergebnissen</translation>
    </message>
    <message>
        <source>selected head</source>
        <translation>ausgewählter Kopf</translation>
    </message>
    <message>
        <source>%1 (ρ = %2)</source>
        <translation>%1 (ρ = %2)</translation>
    </message>
    <message>
        <source>mean dominant %1 (0 = fastest)</source>
        <translation>mittlerer dominanter Index (%1; 0 = am schnellsten)</translation>
    </message>
    <message>
        <source>Dominant %1 against token distance: %2</source>
        <translation>Dominanter Index (%1) gegen Token-Abstand: %2</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::QaSampleView</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>&amp;Sample:</source>
        <translation>&amp;Beispiel:</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>gold document %1 of %2</source>
        <translation>Gold-Dokument %1 von %2</translation>
    </message>
    <message>
        <source>no gold document (%1 documents)</source>
        <translation>kein Gold-Dokument (%1 Dokumente)</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>%1 prompt tokens</source>
        <translation>%1 Prompt-Token</translation>
    </message>
    <message>
        <source>Question: %1</source>
        <translation>Frage: %1</translation>
    </message>
    <message>
        <source>Correct answer: %1</source>
        <translation>Richtige Antwort: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Needs a model folder with tokenizer.json opened with QA data (File ▸ Choose QA Data…).</source>
        <translation>Benötigt einen Modellordner mit tokenizer.json, geöffnet mit QA-Daten (Datei ▸ QA-Daten wählen…).</translation>
    </message>
    <message>
        <source>Run a mask to see where the answer looks</source>
        <translation>Führen Sie eine Maske aus, um zu sehen, wohin die Antwort schaut</translation>
    </message>
    <message>
        <source>No samples</source>
        <translation>Keine Beispiele</translation>
    </message>
    <message>
        <source>mean over the retrieval heads (score &gt; 0.5): %1</source>
        <translation>Mittel über die Retrieval-Köpfe (Wert &gt; 0,5): %1</translation>
    </message>
    <message>
        <source>no head scores above 0.5: mean over the highest-scoring heads %1</source>
        <translation>kein Kopf über 0,5: Mittel über die Köpfe mit den höchsten Werten %1</translation>
    </message>
    <message>
        <source>mean over all heads (no retrieval scores)</source>
        <translation>Mittel über alle Köpfe (keine Retrieval-Werte)</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>Retrieval heads</source>
        <translation>Retrieval-Köpfe</translation>
    </message>
    <message>
        <source>Selected head</source>
        <translation>Ausgewählter Kopf</translation>
    </message>
    <message>
        <source>Selected head&apos;s layer</source>
        <translation>Schicht des ausgewählten Kopfes</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>Alle Köpfe</translation>
    </message>
    <message>
        <source>The heads whose attention on each document the bars average</source>
        <translation>Die Köpfe, über deren Attention auf jedes Dokument die Balken mitteln</translation>
    </message>
    <message>
        <source>Answer the sample under the mask (Enter in the mask field)</source>
        <translation>Das Beispiel mit der Maske beantworten (Eingabetaste im Maskenfeld)</translation>
    </message>
    <message>
        <source> per position</source>
        <translation> je Position</translation>
    </message>
    <message>
        <source>Samples per gold position of a batch run</source>
        <translation>Beispiele je Gold-Position eines Batch-Laufs</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>Ba&amp;tch</translation>
    </message>
    <message>
        <source>Answer many samples per gold position under the mask and unmasked, on the engine thread, and show the accuracy as paper 1&apos;s Table 2</source>
        <translation>Viele Beispiele je Gold-Position mit und ohne Maske im Engine-Thread beantworten und die Genauigkeit wie Tabelle 2 von Paper 1 zeigen</translation>
    </message>
    <message>
        <source>Accuracy by gold document position (1 = first) of the batch runs</source>
        <translation>Genauigkeit der Batch-Läufe nach Position des Gold-Dokuments (1 = erstes)</translation>
    </message>
    <message>
        <source>log p(gold)</source>
        <translation>log p(Gold)</translation>
    </message>
    <message>
        <source>Log-probability of the gold answer&apos;s first token at the answer position</source>
        <translation>Log-Wahrscheinlichkeit des ersten Tokens der Gold-Antwort an der Antwortposition</translation>
    </message>
    <message>
        <source>&amp;Bars average:</source>
        <translation>Balken &amp;mitteln über:</translation>
    </message>
    <message>
        <source>%1
%2 heads changed by the mask</source>
        <translation>%1
%2 Köpfe durch die Maske verändert</translation>
    </message>
    <message>
        <source>already in the table</source>
        <translation>bereits in der Tabelle</translation>
    </message>
    <message>
        <source>&lt;b&gt;Batch&lt;/b&gt;: accuracy by position of the gold document (1 = first), %1 samples per position%2</source>
        <translation>&lt;b&gt;Batch&lt;/b&gt;: Genauigkeit nach Position des Gold-Dokuments (1 = erstes), %1 Beispiele je Position%2</translation>
    </message>
    <message>
        <source> (%1 answered)</source>
        <translation> (%1 beantwortet)</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>&lt;br&gt;saved to %1</source>
        <translation>&lt;br&gt;gespeichert in %1</translation>
    </message>
    <message>
        <source>Accuracy by gold document position (1 = first) of the batch runs, saved to %1</source>
        <translation>Genauigkeit der Batch-Läufe nach Position des Gold-Dokuments (1 = erstes), gespeichert in %1</translation>
    </message>
    <message>
        <source>document (1 = first; the gold one shaded)</source>
        <translation>Dokument (1 = erstes; das Gold-Dokument schattiert)</translation>
    </message>
    <message>
        <source>answer&apos;s attention</source>
        <translation>Attention der Antwort</translation>
    </message>
    <message>
        <source>The selected run is compared with the unmasked run of its sample.</source>
        <translation>Der ausgewählte Lauf wird mit dem Lauf ohne Maske desselben Beispiels verglichen.</translation>
    </message>
    <message>
        <source>unmasked</source>
        <translation>ohne Maske</translation>
    </message>
    <message>
        <source>under the mask</source>
        <translation>mit Maske</translation>
    </message>
    <message>
        <source>no head chosen: select a head (Heads tab or the mask grid)</source>
        <translation>kein Kopf gewählt: wählen Sie einen Kopf aus (Reiter Köpfe oder das Maskenraster)</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Kopf %1</translation>
    </message>
    <message>
        <source>mean over the heads of layer %1</source>
        <translation>Mittel über die Köpfe von Schicht %1</translation>
    </message>
    <message>
        <source>mean over all heads</source>
        <translation>Mittel über alle Köpfe</translation>
    </message>
    <message>
        <source>Sample %1 · answer %2 %3 · %4</source>
        <translation>Beispiel %1 · Antwort %2 %3 · %4</translation>
    </message>
    <message>
        <source>%1 %2 · log p(“%3”) = %4</source>
        <translation>%1 %2 · log p(“%3”) = %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unmasked:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Ohne Maske:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unmasked:&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;Masked&lt;/b&gt; (%2): %3</source>
        <translation>&lt;b&gt;Ohne Maske:&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;Mit Maske&lt;/b&gt; (%2): %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Masked&lt;/b&gt; (%1): %2&lt;br&gt;the unmasked run of this sample is on its way…</source>
        <translation>&lt;b&gt;Mit Maske&lt;/b&gt; (%1): %2&lt;br&gt;der Lauf dieses Beispiels ohne Maske folgt gleich…</translation>
    </message>
    <message>
        <source>fix the mask to run</source>
        <translation>korrigieren Sie die Maske, um sie auszuführen</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::QaView</name>
    <message>
        <source>Needs QA accuracy (/qa/&lt;setup&gt;/accuracy): run the qa analysis on QA data.</source>
        <translation>Benötigt QA-Genauigkeit (/qa/&lt;setup&gt;/accuracy): führen Sie die qa-Analyse auf QA-Daten aus.</translation>
    </message>
    <message>
        <source>no mask</source>
        <translation>ohne Maske</translation>
    </message>
    <message>
        <source>position of the gold document (1 = first)</source>
        <translation>Position des Gold-Dokuments (1 = erstes)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>QA accuracy by position of the gold document</source>
        <translation>QA-Genauigkeit nach Position des Gold-Dokuments</translation>
    </message>
    <message>
        <source>No QA results</source>
        <translation>Keine QA-Ergebnisse</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::ResultsPane</name>
    <message>
        <source>%1: this page has no data to export</source>
        <translation>%1: diese Seite hat keine Daten zu exportieren</translation>
    </message>
    <message>
        <source>%1: this page has no plot to export</source>
        <translation>%1: diese Seite hat kein Diagramm zu exportieren</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::RetrievalScatterView</name>
    <message>
        <source>Hover a point to name its head; click to select it.</source>
        <translation>Zeigen Sie auf einen Punkt, um seinen Kopf zu sehen; klicken Sie, um ihn auszuwählen.</translation>
    </message>
    <message>
        <source>Utility of:</source>
        <translation>Nutzen der:</translation>
    </message>
    <message>
        <source>retrieval score</source>
        <translation>Retrieval-Wert</translation>
    </message>
    <message>
        <source>Needs retrieval scores and utility scores (/retrieval/utility_first, /retrieval/utility_last): run the retrieval and utility analyses on QA data.</source>
        <translation>Benötigt Retrieval- und Nutzenwerte (/retrieval/utility_first, /retrieval/utility_last): führen Sie die Analysen retrieval und utility auf QA-Daten aus.</translation>
    </message>
    <message>
        <source>%1: retrieval score %2, utility %3</source>
        <translation>%1: Retrieval-Wert %2, Nutzen %3</translation>
    </message>
    <message>
        <source>first %1 dims</source>
        <translation>ersten %1 Dimensionen</translation>
    </message>
    <message>
        <source>last %1 dims</source>
        <translation>letzten %1 Dimensionen</translation>
    </message>
    <message>
        <source>mean utility of the last %1 dims</source>
        <translation>mittlerer Nutzen der letzten %1 Dimensionen</translation>
    </message>
    <message>
        <source>mean utility of the first %1 dims</source>
        <translation>mittlerer Nutzen der ersten %1 Dimensionen</translation>
    </message>
    <message>
        <source>No retrieval and utility scores</source>
        <translation>Keine Retrieval- und Nutzenwerte</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>Köpfe</translation>
    </message>
    <message>
        <source>least squares</source>
        <translation>kleinste Quadrate</translation>
    </message>
    <message>
        <source>heads (%1)</source>
        <translation>Köpfe (%1)</translation>
    </message>
    <message>
        <source>least squares: y = %1 x %2 %3, Pearson r = %4</source>
        <translation>kleinste Quadrate: y = %1 x %2 %3, Pearson-r = %4</translation>
    </message>
    <message>
        <source>least squares: undefined (fewer than two distinct scores)</source>
        <translation>kleinste Quadrate: undefiniert (weniger als zwei verschiedene Werte)</translation>
    </message>
    <message>
        <source>Retrieval score against utility of the last %1 dims</source>
        <translation>Retrieval-Wert gegen den Nutzen der letzten %1 Dimensionen</translation>
    </message>
    <message>
        <source>Retrieval score against utility of the first %1 dims</source>
        <translation>Retrieval-Wert gegen den Nutzen der ersten %1 Dimensionen</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::RopePlayground</name>
    <message>
        <source>Llama-2 (θ 10⁴, 4k)</source>
        <translation>Llama-2 (θ 10⁴, 4k)</translation>
    </message>
    <message>
        <source>Llama-3.1 (θ 5·10⁵, llama3 ×8, 128k)</source>
        <translation>Llama-3.1 (θ 5·10⁵, llama3 ×8, 128k)</translation>
    </message>
    <message>
        <source>Qwen2.5 (θ 10⁶, 32k)</source>
        <translation>Qwen2.5 (θ 10⁶, 32k)</translation>
    </message>
    <message>
        <source>Gemma (θ 10⁴, head_dim 256, 8k)</source>
        <translation>Gemma (θ 10⁴, head_dim 256, 8k)</translation>
    </message>
    <message>
        <source>RoPEScope demo (θ 10⁴, head_dim 32, 1k)</source>
        <translation>RoPEScope-Demo (θ 10⁴, head_dim 32, 1k)</translation>
    </message>
    <message>
        <source>distance Δ (tokens, log scale)</source>
        <translation>Abstand Δ (Token, log. Skala)</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ)</source>
        <translation>cos(θᵢ·Δ)</translation>
    </message>
    <message>
        <source>pair (fastest first)</source>
        <translation>Paar (schnellstes zuerst)</translation>
    </message>
    <message>
        <source>wavelength (tokens per turn)</source>
        <translation>Wellenlänge (Token je Umdrehung)</translation>
    </message>
    <message>
        <source>wraps</source>
        <translation>überschreitet 2π</translation>
    </message>
    <message>
        <source>within a turn</source>
        <translation>innerhalb einer Umdrehung</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <source>blue: key k at position n
orange: query q at n + Δ</source>
        <translation>blau: Key k an Position n
orange: Query q an n + Δ</translation>
    </message>
    <message>
        <source>&amp;Distance Δ</source>
        <translation>A&amp;bstand Δ</translation>
    </message>
    <message>
        <source>&amp;Preset</source>
        <translation>&amp;Vorlage</translation>
    </message>
    <message>
        <source>rope_theta: pair i turns by θ^(−2i/head_dim) radians per token</source>
        <translation>rope_theta: Paar i dreht sich je Token um θ^(−2i/head_dim) Radiant</translation>
    </message>
    <message>
        <source>Base &amp;θ</source>
        <translation>Basis &amp;θ</translation>
    </message>
    <message>
        <source>&amp;head_dim</source>
        <translation>&amp;head_dim</translation>
    </message>
    <message>
        <source>&amp;Context (tokens)</source>
        <translation>&amp;Kontext (Token)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linear</translation>
    </message>
    <message>
        <source>llama3</source>
        <translation>llama3</translation>
    </message>
    <message>
        <source>yarn</source>
        <translation>yarn</translation>
    </message>
    <message>
        <source>rope_&amp;scaling</source>
        <translation>rope_&amp;scaling</translation>
    </message>
    <message>
        <source>&amp;Factor</source>
        <translation>&amp;Faktor</translation>
    </message>
    <message>
        <source>original_max_position_embeddings: the context the model was trained on</source>
        <translation>original_max_position_embeddings: der Kontext, mit dem das Modell trainiert wurde</translation>
    </message>
    <message>
        <source>&amp;Original context</source>
        <translation>&amp;Ursprünglicher Kontext</translation>
    </message>
    <message>
        <source>low_freq_factor</source>
        <translation>low_freq_factor</translation>
    </message>
    <message>
        <source>high_freq_factor</source>
        <translation>high_freq_factor</translation>
    </message>
    <message>
        <source>beta_fast</source>
        <translation>beta_fast</translation>
    </message>
    <message>
        <source>beta_slow</source>
        <translation>beta_slow</translation>
    </message>
    <message>
        <source>p-RoPE (Barbero et al.): the fraction of pairs, fastest first, that keep rotating</source>
        <translation>p-RoPE (Barbero et al.): der Anteil der Paare, schnellste zuerst, die weiter rotieren</translation>
    </message>
    <message>
        <source>p-&amp;RoPE p</source>
        <translation>p-&amp;RoPE p</translation>
    </message>
    <message>
        <source>The pair drawn in the curves and the rotation (or click a row of the heatmap)</source>
        <translation>Das in den Kurven und der Rotation gezeichnete Paar (oder klicken Sie auf eine Zeile der Heatmap)</translation>
    </message>
    <message>
        <source>P&amp;air</source>
        <translation>P&amp;aar</translation>
    </message>
    <message>
        <source>Cannot draw: %1.</source>
        <translation>Zeichnen nicht möglich: %1.</translation>
    </message>
    <message>
        <source>%1 of %2 pairs turn past 2π within %3 tokens; %4 % of the dims stay within one turn.</source>
        <translation>%1 von %2 Paaren drehen sich innerhalb von %3 Token über 2π hinaus; %4 % der Dimensionen bleiben unter einer Umdrehung.</translation>
    </message>
    <message>
        <source>Fastest pair: a turn every %1 tokens; slowest rotating: every %2.</source>
        <translation>Schnellstes Paar: eine Umdrehung alle %1 Token; langsamstes rotierendes: alle %2.</translation>
    </message>
    <message>
        <source>p-RoPE stops the %1 slowest pairs.</source>
        <translation>p-RoPE hält die %1 langsamsten Paare an.</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) per pair</source>
        <translation>cos(θᵢ·Δ) je Paar</translation>
    </message>
    <message>
        <source>pair (fastest at the top)</source>
        <translation>Paar (schnellstes oben)</translation>
    </message>
    <message>
        <source>distance Δ (one column per %1 tokens)</source>
        <translation>Abstand Δ (eine Spalte je %1 Token)</translation>
    </message>
    <message>
        <source>distance Δ (tokens)</source>
        <translation>Abstand Δ (Token)</translation>
    </message>
    <message>
        <source>cos</source>
        <translation>cos</translation>
    </message>
    <message>
        <source>pair %1, Δ = %2: cos = %3 (wavelength %4 tokens)</source>
        <translation>Paar %1, Δ = %2: cos = %3 (Wellenlänge %4 Token)</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) over distance</source>
        <translation>cos(θᵢ·Δ) über dem Abstand</translation>
    </message>
    <message>
        <source>pair %1 (a turn every %2 tokens)</source>
        <translation>Paar %1 (eine Umdrehung alle %2 Token)</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) over distance (log scale)</source>
        <translation>cos(θᵢ·Δ) über dem Abstand (log. Skala)</translation>
    </message>
    <message>
        <source>context: %1 tokens</source>
        <translation>Kontext: %1 Token</translation>
    </message>
    <message>
        <source>Wavelength per pair</source>
        <translation>Wellenlänge je Paar</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 Token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Token</translation>
    </message>
    <message>
        <source>Rotation of one pair</source>
        <translation>Rotation eines Paars</translation>
    </message>
    <message>
        <source>θ = %1 rad/token
Δ·θ = %2 rad (%3 turns)
q·k = cos(Δ·θ) = %4</source>
        <translation>θ = %1 rad/Token
Δ·θ = %2 rad (%3 Umdrehungen)
q·k = cos(Δ·θ) = %4</translation>
    </message>
    <message>
        <source>Pair %1 rotated by Δ</source>
        <translation>Paar %1, um Δ gedreht</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::ToyView</name>
    <message>
        <source>Training epochs (the paper: 100)</source>
        <translation>Trainingsepochen (im Paper: 100)</translation>
    </message>
    <message>
        <source>Fresh random samples per epoch (the paper: 10,000)</source>
        <translation>Neue Zufallsbeispiele je Epoche (im Paper: 10.000)</translation>
    </message>
    <message>
        <source>Learned (q, k, v) tuples n (the paper: 1,000)</source>
        <translation>Gelernte (q, k, v)-Tupel n (im Paper: 1.000)</translation>
    </message>
    <message>
        <source>Head dimension (even; the paper: 128)</source>
        <translation>Kopfdimension (gerade; im Paper: 128)</translation>
    </message>
    <message>
        <source>Held-out samples for the losses</source>
        <translation>Zurückgehaltene Beispiele für die Verluste</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate (the paper: 0.001 over 100 epochs of 10,000 samples)</source>
        <translation>Lernrate von Adam (im Paper: 0,001 über 100 Epochen mit je 10.000 Beispielen)</translation>
    </message>
    <message>
        <source>RoPE</source>
        <translation>RoPE</translation>
    </message>
    <message>
        <source>no PE</source>
        <translation>ohne PE</translation>
    </message>
    <message>
        <source>The same head without position embedding</source>
        <translation>Derselbe Kopf ohne Positionskodierung</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>Train on the engine thread; the figures update every epoch (Cancel keeps what is done)</source>
        <translation>Im Engine-Thread trainieren; die Abbildungen werden jede Epoche aktualisiert (Abbrechen behält das Fertige)</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <source>&amp;Samples:</source>
        <translation>&amp;Beispiele:</translation>
    </message>
    <message>
        <source>T&amp;uples:</source>
        <translation>T&amp;upel:</translation>
    </message>
    <message>
        <source>&amp;Dims:</source>
        <translation>&amp;Dimensionen:</translation>
    </message>
    <message>
        <source>E&amp;val:</source>
        <translation>E&amp;val:</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Rate:</translation>
    </message>
    <message>
        <source>dimension (frequency order: 0 fastest)</source>
        <translation>Dimension (Frequenzordnung: 0 am schnellsten)</translation>
    </message>
    <message>
        <source>mean |q| over the tuples</source>
        <translation>mittleres |q| über die Tupel</translation>
    </message>
    <message>
        <source>dims removed</source>
        <translation>entfernte Dimensionen</translation>
    </message>
    <message>
        <source>held-out loss</source>
        <translation>Verlust auf zurückgehaltenen Daten</translation>
    </message>
    <message>
        <source>Train the toy experiment of paper 1 here (no model needed), or open a file with /toy (ropescope-cli toy).</source>
        <translation>Trainieren Sie hier das Spielzeugexperiment aus Paper 1 (kein Modell nötig) oder öffnen Sie eine Datei mit /toy (ropescope-cli toy).</translation>
    </message>
    <message>
        <source>%1: first r dims removed</source>
        <translation>%1: erste r Dimensionen entfernt</translation>
    </message>
    <message>
        <source>%1: last r dims removed</source>
        <translation>%1: letzte r Dimensionen entfernt</translation>
    </message>
    <message>
        <source>%1 epoch %2/%3</source>
        <translation>%1 Epoche %2/%3</translation>
    </message>
    <message>
        <source>, held-out loss %1</source>
        <translation>, Verlust auf zurückgehaltenen Daten %1</translation>
    </message>
    <message>
        <source>Mean |q| per dimension (paper 1, Fig. 1a)</source>
        <translation>Mittleres |q| je Dimension (Paper 1, Abb. 1a)</translation>
    </message>
    <message>
        <source>No toy experiment yet</source>
        <translation>Noch kein Spielzeugexperiment</translation>
    </message>
    <message>
        <source>Held-out loss after removing dims (Fig. 1b)</source>
        <translation>Verlust auf zurückgehaltenen Daten nach Entfernen von Dimensionen (Abb. 1b)</translation>
    </message>
    <message>
        <source>Press Train to run it</source>
        <translation>Drücken Sie „Trainieren“, um es zu starten</translation>
    </message>
    <message>
        <source>Training… </source>
        <translation>Training… </translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::WeightNormsView</name>
    <message>
        <source>Query (q_proj)</source>
        <translation>Query (q_proj)</translation>
    </message>
    <message>
        <source>Key (k_proj)</source>
        <translation>Key (k_proj)</translation>
    </message>
    <message>
        <source>&amp;Projection:</source>
        <translation>&amp;Projektion:</translation>
    </message>
    <message>
        <source>No weight norms</source>
        <translation>Keine Gewichtsnormen</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>L1 norm</source>
        <translation>L1-Norm</translation>
    </message>
    <message>
        <source>L1 norm of %1 rows — %2</source>
        <translation>L1-Norm der Zeilen von %1 — %2</translation>
    </message>
    <message>
        <source> (%1 of %2 layers computed)</source>
        <translation> (%1 von %2 Schichten berechnet)</translation>
    </message>
    <message>
        <source>dimension (frequency order: pair i = dims 2i, 2i+1)</source>
        <translation>Dimension (Frequenzordnung: Paar i = Dimensionen 2i, 2i+1)</translation>
    </message>
    <message>
        <source>dimension (storage order: dims j and j+%1 share a frequency)</source>
        <translation>Dimension (Speicherordnung: Dimensionen j und j+%1 teilen eine Frequenz)</translation>
    </message>
    <message>
        <source>not computed (run cancelled)</source>
        <translation>nicht berechnet (Lauf abgebrochen)</translation>
    </message>
    <message>
        <source>layer %1, %2, dim %3 (pair %4): %5</source>
        <translation>Schicht %1, %2, Dimension %3 (Paar %4): %5</translation>
    </message>
</context>
</TS>
