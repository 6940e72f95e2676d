// What the window has loaded: at most one live model (its folder, QA data and the results
// computed with it) and any number of results files. A results file of the live model adds its
// analyses to the live model's results; a file of another model (or any file while no model is
// live) is a source of its own, shown beside. Plain logic, no widgets.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "engine/results/results_file.h"

namespace ropescope::app {

class Session {
 public:
  struct Source {
    QString path;  // the model folder (live) or the results file
    engine::ResultsFile results;
    bool live = false;
    QString data;        // live: the QA data file the model was opened with (empty: none)
    QStringList merged;  // live: results files whose analyses were added
  };
  enum class Added { ToLive, Beside, Replaced };

  const std::vector<Source>& sources() const { return m_sources; }
  bool empty() const { return m_sources.empty(); }
  // The source the views show; nullptr when nothing is loaded.
  const Source* shown() const;
  int shownIndex() const { return m_shown; }
  void show(int index);
  const Source* live() const;

  // A model was opened: its results replace the live source (and what had been added to it).
  // The live source is shown.
  void setLive(const QString& folder, const QString& data, engine::ResultsFile results);
  // More results of the live model (an analysis run): added to the live source.
  void addToLive(const engine::ResultsFile& results);
  // The live model went away; its results stay as a source of their own (not live).
  void dropLive();
  // A results file was read. Shown afterwards (the live source when it was added to it).
  Added addFile(const QString& path, const engine::ResultsFile& results);

  // Whether two runs are of the same model: the same config.json (as JSON, not as text).
  static bool sameModel(const engine::RunInfo& a, const engine::RunInfo& b);

 private:
  std::vector<Source> m_sources;
  int m_shown = -1;
};

// Copies every dataset, string and group attribute of `extra` into `base` (extra's win); the
// weight norms too when base has none or extra's are complete. Run information stays base's.
void overlayResults(engine::ResultsFile& base, const engine::ResultsFile& extra);

}  // namespace ropescope::app
