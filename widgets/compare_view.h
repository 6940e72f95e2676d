// The "Compare" page: several results files (models) side by side (paper 1, Fig. 2). A profile per
// model over the head's dimensions — mean query-row L1 norm, mean utility, or mean query band
// norm — as one line each, against the frequency-ordered dim, its relative position in the head
// (models of another head_dim line up) or its pair's wavelength; and each model's layer x head
// overview (retrieval score or positional ρ) beside the others on one shared colour scale.
// GUI thread only.
#pragma once

#include <QPointF>
#include <QString>
#include <optional>
#include <utility>
#include <vector>

#include "widgets/results_pane.h"

class QComboBox;
class QCustomPlot;

namespace ropescope::widgets {

class CompareView : public ResultsPane {
  Q_OBJECT

 public:
  enum class Profile { Norms, Utility, Bands };
  enum class XAxis { Dim, Relative, Wavelength };
  enum class Overview { Retrieval, Positional };

  struct Model {
    QString name;  // legend and overview title
    engine::ResultsFile results;
  };

  explicit CompareView(QWidget* parent = nullptr);

  // The page compares sources, not one file: setResults is ignored (setModels feeds it).
  bool setResults(const engine::ResultsFile& results) override;
  // Every source of the session, in order. Models without the chosen profile are left out of it.
  // Only what the page draws is kept of each (its profiles, wavelengths and overviews).
  void setModels(const std::vector<Model>& models);
  // The same without copying the files: each is read during the call only.
  void setModels(const std::vector<std::pair<QString, const engine::ResultsFile*>>& models);
  void clear() override;
  // At least two models with a profile or an overview.
  bool hasData() const override;
  QString unavailableText() const override;
  QWidget* plotWidget() const override;
  // "norms", "utility", "bands" (the profiles the models hold), and "overview".
  QStringList figureIds() const override;
  QString currentFigureId() const override;
  bool showFigure(const QString& id) override;
  // Profiles: model, x, value for every drawn point; overview: model, layer, head, value.
  QByteArray csvData() const override;

  void setProfile(Profile profile);
  Profile profile() const { return m_profile; }
  // On the wavelength axis, models without wavelengths (rope scaling without /angles) have no line.
  void setXAxis(XAxis axis);
  XAxis xAxis() const { return m_xAxis; }
  void setOverview(Overview overview);
  Overview overview() const { return m_overview; }

  // Whether model `index` holds the profile (and its wavelengths, for that axis).
  bool hasProfile(int index, Profile profile) const;
  // The points of model `index`'s line as drawn (empty when it lacks the profile).
  std::vector<QPointF> line(int index) const;
  // The overview's shared colour range (lo, hi) over every model shown.
  std::pair<double, double> overviewRange() const;
  QCustomPlot* profilePlot() const { return m_profilePlot; }
  QCustomPlot* overviewPlot() const { return m_overviewPlot; }

 private:
  // What the page draws of one model, derived once when the models are set.
  struct Entry {
    QString name;
    // Per profile: the mean over layers and heads of its [layers, heads, n] dataset (NaN-free
    // means), empty when the model lacks it.
    std::vector<double> profiles[3];
    std::vector<double> wavelengths;                // per pair; empty when unknown
    std::optional<engine::NdArray> retrieval, rho;  // [layers, heads]
  };
  static Entry entryOf(const QString& name, const engine::ResultsFile& results);
  const std::vector<double>& profileValues(int index, Profile profile) const;
  const engine::NdArray* overviewArray(int index) const;
  void refresh();

  std::vector<Entry> m_models;
  Profile m_profile = Profile::Norms;
  XAxis m_xAxis = XAxis::Relative;
  Overview m_overview = Overview::Retrieval;
  QString m_figure = QStringLiteral("profile");
  QComboBox* m_profileCombo = nullptr;
  QComboBox* m_xCombo = nullptr;
  QComboBox* m_overviewCombo = nullptr;
  QCustomPlot* m_profilePlot = nullptr;
  QCustomPlot* m_overviewPlot = nullptr;
};

}  // namespace ropescope::widgets
