#pragma once

#include "core/aws/lambdaclient.h"
#include "core/target.h"
#include "core/testeventstore.h"

#include <QPointer>
#include <QProcessEnvironment>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSlider;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace Gatehouse::Core::Aws {
class StsClient;
}

namespace Gatehouse::Ui {

class AliasDialog;
class AliasMapWidget;
class FunctionListModel;
class InvokePanel;
class LambdaSession;
class VersionCompareDialog;
class VersionTableModel;

// The Lambda versions and aliases viewer: the target's functions (searchable, arriving page by
// page), one function's versions and its aliases drawn as weighted arrows, publishing, alias
// editing, a traffic shift that is previewed and undoable until applied, version comparison
// and the invoke panel. Works against the emulator, LocalStack or AWS, whatever the toolbar
// target says; it never blocks the window.
class LambdaViewer : public QWidget
{
    Q_OBJECT

public:
    explicit LambdaViewer(QWidget *parent = nullptr);
    ~LambdaViewer() override;

    void setTarget(const Core::Target &target);
    Core::Target target() const { return m_target; }
    void setProcessEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }
    void setEventStore(const Core::TestEventStore &store);

    QString currentFunction() const { return m_function; }
    bool isListing() const { return m_listing; }
    bool isLoadingFunction() const { return m_loadingFunction; }
    QList<Core::Aws::LambdaAliasConfiguration> aliases() const { return m_aliases; }
    // The traffic shift waiting to be applied, if any.
    std::optional<Core::Aws::LambdaAliasConfiguration> stagedShift() const { return m_staged; }

    QLineEdit *searchEdit() const { return m_search; }
    QListView *functionView() const { return m_functionView; }
    FunctionListModel *functionModel() const { return m_functions; }
    QSortFilterProxyModel *functionProxy() const { return m_proxy; }
    QLabel *listStatus() const { return m_listStatus; }
    QLabel *messageLabel() const { return m_message; }
    QTabWidget *tabs() const { return m_tabs; }
    QTableView *versionView() const { return m_versionView; }
    VersionTableModel *versionModel() const { return m_versions; }
    QCheckBox *showValuesBox() const { return m_showValues; }
    QLineEdit *publishDescriptionEdit() const { return m_publishDescription; }
    QPushButton *publishButton() const { return m_publish; }
    QPushButton *compareButton() const { return m_compare; }
    AliasMapWidget *aliasMap() const { return m_aliasMap; }
    QPushButton *newAliasButton() const { return m_newAlias; }
    QPushButton *editAliasButton() const { return m_editAlias; }
    QPushButton *deleteAliasButton() const { return m_deleteAlias; }
    QComboBox *shiftAliasBox() const { return m_shiftAlias; }
    QComboBox *shiftVersionBox() const { return m_shiftVersion; }
    QSlider *shiftSlider() const { return m_shiftSlider; }
    QDoubleSpinBox *shiftWeightBox() const { return m_shiftWeight; }
    QLabel *shiftPreviewLabel() const { return m_shiftPreview; }
    QPushButton *shiftApplyButton() const { return m_shiftApply; }
    QPushButton *shiftUndoButton() const { return m_shiftUndo; }
    QPushButton *shiftDiscardButton() const { return m_shiftDiscard; }
    QPushButton *shiftPromoteButton() const { return m_shiftPromote; }
    QUndoStack *undoStack() const { return m_undo; }
    InvokePanel *invokePanel() const { return m_invoke; }
    AliasDialog *aliasDialog() const;
    VersionCompareDialog *compareDialog() const;

public slots:
    void reloadFunctions();
    void reloadFunction();
    void selectFunction(const QString &name);
    void publish();
    void newAlias();
    void editAlias();
    void deleteAlias();
    void compareVersions();
    void applyShift();
    void discardShift();

signals:
    void functionsListed(int count);
    void functionLoaded(const QString &name);

protected:
    void showEvent(QShowEvent *event) override;

private:
    friend class ShiftCommand;

    void buildUi();
    QWidget *buildVersionsTab();
    QWidget *buildShiftGroup();
    bool ensureSession();
    void onFunctionChosen();
    void showFunction(const QList<Core::Aws::LambdaFunctionConfiguration> &versions,
                      const QList<Core::Aws::LambdaAliasConfiguration> &aliases);
    void showProblem(const QString &text);
    void showNotice(const QString &text);
    void openAliasDialog(const Core::Aws::LambdaAliasConfiguration *existing);
    void submitAlias();
    void updateAliasButtons();

    // Traffic shift
    std::optional<Core::Aws::LambdaAliasConfiguration> liveAlias(const QString &name) const;
    void refreshShiftControls();
    void stageFromControls();
    void stagePromotion();
    void stage(const Core::Aws::LambdaAliasConfiguration &next);
    void setStaged(const std::optional<Core::Aws::LambdaAliasConfiguration> &staged);
    void confirmShift();

    Core::Target m_target;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    Core::Aws::StsClient *m_sts = nullptr;
    QPointer<LambdaSession> m_session;
    Core::TestEventStore m_store;
    bool m_needsReload = true;
    bool m_listing = false;
    bool m_loadingFunction = false;
    int m_listGeneration = 0;
    int m_functionGeneration = 0;
    QString m_function;
    QString m_wantedFunction;
    QList<Core::Aws::LambdaAliasConfiguration> m_aliases;
    std::optional<Core::Aws::LambdaAliasConfiguration> m_staged;
    bool m_updatingControls = false;

    QLineEdit *m_search = nullptr;
    QListView *m_functionView = nullptr;
    FunctionListModel *m_functions = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLabel *m_listStatus = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_versionView = nullptr;
    VersionTableModel *m_versions = nullptr;
    QCheckBox *m_showValues = nullptr;
    QLineEdit *m_publishDescription = nullptr;
    QPushButton *m_publish = nullptr;
    QPushButton *m_compare = nullptr;
    AliasMapWidget *m_aliasMap = nullptr;
    QPushButton *m_newAlias = nullptr;
    QPushButton *m_editAlias = nullptr;
    QPushButton *m_deleteAlias = nullptr;
    QComboBox *m_shiftAlias = nullptr;
    QComboBox *m_shiftVersion = nullptr;
    QSlider *m_shiftSlider = nullptr;
    QDoubleSpinBox *m_shiftWeight = nullptr;
    QLabel *m_shiftPreview = nullptr;
    QPushButton *m_shiftApply = nullptr;
    QPushButton *m_shiftUndo = nullptr;
    QPushButton *m_shiftDiscard = nullptr;
    QPushButton *m_shiftPromote = nullptr;
    QUndoStack *m_undo = nullptr;
    InvokePanel *m_invoke = nullptr;
    QPointer<AliasDialog> m_aliasDialog;
    QPointer<VersionCompareDialog> m_compareDialog;
};

} // namespace Gatehouse::Ui
