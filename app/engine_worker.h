// The engine on a background thread: a QObject living on its own QThread (see EngineThread).
// Slots run on the worker thread; requestCancel() may be called from any thread.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <set>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/data/qa_data.h"
#include "engine/io/results_io.h"
#include "engine/results/qa_sample_answer.h"
#include "engine/results/schema.h"

namespace ropescope::app {

// An analysis run of the kept model over its QA data, as `ropescope-cli analyze` runs it.
struct AnalysisRequest {
  std::set<engine::Analysis> analyses;
  std::int64_t samples = 0;        // per gold position; 0 = all
  std::vector<int> goldPositions;  // empty: engine::defaultGoldPositions
  bool paperMasks = false;         // qa: add engine::paperMaskSetups
  // qa: further mask sets (mask syntax), each named by its canonical text. Those that select by
  // retrieval or utility scores use the run's own when it computes them, else the live model's.
  QStringList masks;
  QString output;       // the results file, written as the run goes
  bool resume = false;  // keep the finished units of `output`
};

// The controlled experiment of paper 1 (section 4), trained with RoPE, without, or both.
struct ToyRequest {
  int epochs = 20;
  int samplesPerEpoch = 2000;
  int tuples = 1000;
  int dims = 128;
  int evalSamples = 256;
  double learningRate = 0.03;
  bool withRope = true;
  bool withoutRope = true;
  QString output;  // the results file (/toy/rope, /toy/nope), written atomically at the end
};

class EngineWorker : public QObject {
  Q_OBJECT

 public:
  explicit EngineWorker(QObject* parent = nullptr);
  ~EngineWorker() override;

  // Thread-safe: asks the running job to stop at its next unit of work (it keeps what is done).
  void requestCancel();

 public Q_SLOTS:
  // Opens the model folder and computes projection-row L1 norms; emits resultsReady.
  void computeWeightNorms(const QString& modelFolder);
  // Loads the model and runs the quick analyses into one results file (emits resultsReady).
  // The model, its tokenizer and data are checked before the model kept so far is released: a
  // folder that is not a model, a tokenizer or QA data that cannot be read fail with the kept
  // model untouched. On success the model is kept (liveModelChanged), with or without data.
  // With a QA data file and a tokenizer.json in the model folder: norms, bands, angles,
  // retrieval and positional over kQuickSamples samples per gold position (quickGoldPositions).
  // Otherwise norms, bands, angles and positional on kQuickIds token ids 1, 2, ... (data given
  // without a tokenizer is reported through `notice`). An empty dataPath means no data.
  // With QA data and a tokenizer, the model, tokenizer and samples (engine::qaSamplesToBrowse at
  // quickGoldPositions) are kept for live re-runs and samplesReady says how many there are.
  void runQuickAnalyses(const QString& modelFolder, const QString& dataPath);
  // Reads a results file (emits resultsFileRead); the kept model stays.
  void loadResults(const QString& path);
  // Runs the analyses of `request` on the kept model and its QA data, writing request.output as
  // `ropescope-cli analyze` does (atomically, as units finish). Each checkpoint of the run is
  // also emitted (analysisProgressed) so that views fill as analyses finish; the end emits
  // analysisFinished with everything the file holds. A cancel keeps what is done in the file.
  void runAnalysis(const ropescope::app::AnalysisRequest& request);
  // Retrieval scores [layer, head] and utility [layer, head, dim] for masks that select by them
  // in live re-runs, from `results` (what it lacks is kept as it was).
  void useScores(const ropescope::engine::ResultsFile& results);
  void saveResults(const QString& path, const ropescope::engine::ResultsFile& results);
  // Trains the toy experiment of `request` (RoPE first, then without), emitting toyProgressed
  // after every epoch with the runs as they stand, then writes request.output and emits
  // toyFinished. A cancel keeps the epochs done (and skips a run not begun).
  void runToy(const ropescope::app::ToyRequest& request);
  // The prompt of kept sample `sampleIndex` (0-based), without running the model: emits samplePrompt.
  void describeSample(int sampleIndex);
  // Answers kept sample `sampleIndex` under `mask` (engine::answerQaSample, with the quick
  // analyses' retrieval scores) with the kept model, no reload: emits sampleAnswered. Not a job
  // (no jobStarted / jobFinished); errors arrive through `failed`.
  void answerSample(int sampleIndex, const QString& mask);

 Q_SIGNALS:
  void jobStarted(const QString& description);
  void progress(qint64 done, qint64 total, const QString& stage);
  // `cancelled` is true when the job stopped early; `results` then hold what was done.
  void resultsReady(const ropescope::engine::ResultsFile& results, bool cancelled);
  void saved(const QString& path);
  void resultsFileRead(const QString& path, const ropescope::engine::ResultsFile& results);
  // The kept model: its folder after a successful open, empty when it was released.
  void liveModelChanged(const QString& folder);
  void analysisProgressed(const ropescope::engine::ResultsFile& soFar);
  void analysisFinished(const QString& path, const ropescope::engine::ResultsFile& results, bool cancelled);
  void toyProgressed(const ropescope::engine::ResultsFile& soFar);
  void toyFinished(const QString& path, const ropescope::engine::ResultsFile& results, bool cancelled);
  // Something the user should know that is not an error (shown in the status bar).
  void notice(const QString& message);
  void failed(const QString& message);
  void jobFinished();
  // The samples kept for live re-runs changed: `count` of them (0: none, the model was released),
  // for a model with `headDim`, with or without retrieval scores for masks that select by them.
  void samplesReady(int count, int headDim, bool haveRetrievalScores);
  // The live model's retrieval / utility scores changed (useScores, an analysis run).
  void scoresReady(bool haveRetrievalScores, bool haveUtilityScores);
  void samplePrompt(const ropescope::engine::QaSamplePrompt& prompt);
  // `elapsedMs`: the model's work for this answer (not the time it waited in the queue).
  void sampleAnswered(const ropescope::engine::QaSampleAnswer& answer, double elapsedMs);

 private:
  template <typename Job>
  void runJob(const QString& description, Job&& job);
  // Progress to the GUI (coalesced to ~30 signals a second) and this worker's cancel token.
  engine::RunControl makeControl();
  // Drops the kept model and samples and says so (samplesReady with no samples).
  void releaseLiveModel();
  // Runs `fn` on the kept model and samples; errors (also: none kept, a bad index) go to `failed`.
  template <typename Fn>
  void withLiveSample(int sampleIndex, Fn&& fn);

  struct LiveModel;  // what the last quick analyses loaded, kept for re-runs of single samples
  engine::CancelToken m_cancel;
  std::unique_ptr<LiveModel> m_live;
};

// Seconds between the checkpoints of an analysis run (each is written and shown).
inline constexpr double kAnalysisCheckpointSeconds = 2.0;
inline constexpr int kQuickSamples = 2;       // samples per gold position in the quick analyses
inline constexpr int kQuickIds = 256;         // token ids in the quick analyses without QA data
inline constexpr int kLiveMaxNewTokens = 32;  // answer length of live re-runs (the qa analysis's default)

// Gold positions for the quick analyses: first, middle and last of the documents the data
// holds (0, 9, 19 for the 20-document sets built from one-passage samples), keeping only
// positions some sample has its gold document at; the lowest gold position present when none
// is. Empty data gives {0}.
std::vector<int> quickGoldPositions(const std::vector<engine::QaSample>& data, int totalDocuments = 20);

// Human-readable, translated text for an engine error.
QString describeError(const std::exception& error);

}  // namespace ropescope::app

Q_DECLARE_METATYPE(ropescope::engine::ResultsFile)
Q_DECLARE_METATYPE(ropescope::app::AnalysisRequest)
Q_DECLARE_METATYPE(ropescope::app::ToyRequest)
Q_DECLARE_METATYPE(ropescope::engine::QaSamplePrompt)
Q_DECLARE_METATYPE(ropescope::engine::QaSampleAnswer)
