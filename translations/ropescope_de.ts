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
        <source>Model folder or results file (.h5) to open.</source>
        <translation>Zu öffnender Modellordner oder Ergebnisdatei (.h5).</translation>
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
        <source>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;See how attention heads use their RoPE dimensions.&lt;/p&gt;&lt;p&gt;Open a Hugging Face model folder (config.json + safetensors) with &lt;b&gt;File ▸ Open Model…&lt;/b&gt;, or drop the folder here.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;Sehen Sie, wie Attention-Köpfe ihre RoPE-Dimensionen nutzen.&lt;/p&gt;&lt;p&gt;Öffnen Sie einen Hugging-Face-Modellordner (config.json + safetensors) über &lt;b&gt;Datei ▸ Modell öffnen…&lt;/b&gt; oder ziehen Sie den Ordner hierher.&lt;/p&gt;</translation>
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
        <source>&amp;Head:</source>
        <translation>&amp;Kopf:</translation>
    </message>
    <message>
        <source>Mean over heads</source>
        <translation>Mittel über alle Köpfe</translation>
    </message>
    <message>
        <source>No weight norms</source>
        <translation>Keine Gewichtsnormen</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
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
        <source>mean over heads</source>
        <translation>Mittel über alle Köpfe</translation>
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
        <source>KV head %1</source>
        <translation>KV-Kopf %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>Kopf %1</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Kopf %1</translation>
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
