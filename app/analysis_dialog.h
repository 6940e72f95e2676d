// Analysis ▸ Run…: which analyses to run on the live model, over how many samples at which gold
// positions, into which results file. GUI thread only.
#pragma once

#include <QDialog>
#include <map>
#include <optional>

#include "app/engine_worker.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ropescope::app {

class AnalysisDialog : public QDialog {
  Q_OBJECT

 public:
  // `output`: the results file proposed (Resume is offered when it exists).
  AnalysisDialog(const QString& output, QWidget* parent = nullptr);

  // The request as the dialog stands; nullopt (with `error`) when a field does not parse.
  std::optional<AnalysisRequest> request(QString* error = nullptr) const;
  void setRequest(const AnalysisRequest& request);

  QCheckBox* analysisBox(engine::Analysis analysis) const { return m_boxes.at(analysis); }
  QLineEdit* goldPositionsEdit() const { return m_gold; }
  QSpinBox* samplesSpin() const { return m_samples; }
  QLineEdit* outputEdit() const { return m_output; }
  QCheckBox* resumeBox() const { return m_resume; }

 private:
  void validate();

  std::map<engine::Analysis, QCheckBox*> m_boxes;
  QCheckBox* m_paperMasks;
  QSpinBox* m_samples;
  QLineEdit* m_gold;
  QLineEdit* m_output;
  QCheckBox* m_resume;
  QLabel* m_problem;
  QDialogButtonBox* m_buttons;
};

}  // namespace ropescope::app
