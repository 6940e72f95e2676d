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
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 layers · %3 query heads, %4 KV heads · head_dim %5 · hidden %6 · θ = %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 Schichten · %3 Query-Köpfe, %4 KV-Köpfe · head_dim %5 · hidden %6 · θ = %7</translation>
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
        <source>%1: unknown figure format; use .png or .svg</source>
        <translation>%1: unbekanntes Bildformat; verwenden Sie .png oder .svg</translation>
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
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
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
        <source>Selected head L%1H%2</source>
        <translation>Kopf L%1H%2 ausgewählt</translation>
    </message>
    <message>
        <source> · QA data %1</source>
        <translation> · QA-Daten %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;%2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;%2</translation>
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
        <source>Click a head to select it in the other views.</source>
        <translation>Klicken Sie auf einen Kopf, um ihn in den anderen Ansichten auszuwählen.</translation>
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
        <source>PNG encoding failed</source>
        <translation>PNG-Kodierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>SVG painting failed</source>
        <translation>SVG-Zeichnen fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::QaSampleView</name>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>none, or e.g. heads=retrieval&gt;0.5 dims=first16</source>
        <translation>none oder z. B. heads=retrieval&gt;0.5 dims=first16</translation>
    </message>
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
        <source>&amp;Mask:</source>
        <translation>&amp;Maske:</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>Keine Maske</translation>
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
        <source>%1 heads changed by the mask</source>
        <translation>%1 Köpfe durch die Maske verändert</translation>
    </message>
    <message>
        <source>Needs a model folder with tokenizer.json opened with QA data (File ▸ Choose QA Data…).</source>
        <translation>Benötigt einen Modellordner mit tokenizer.json, geöffnet mit QA-Daten (Datei ▸ QA-Daten wählen…).</translation>
    </message>
    <message>
        <source>document (1 = first)</source>
        <translation>Dokument (1 = erstes)</translation>
    </message>
    <message>
        <source>attention of the answer position</source>
        <translation>Attention der Antwortposition</translation>
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
        <source>other documents</source>
        <translation>andere Dokumente</translation>
    </message>
    <message>
        <source>gold document</source>
        <translation>Gold-Dokument</translation>
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
        <source>Sample %1 · %2 · answer %3 %4</source>
        <translation>Beispiel %1 · %2 · Antwort %3 %4</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft…</translation>
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
