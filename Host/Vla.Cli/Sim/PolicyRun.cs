using Vla.Cli.Report;
using Vla.Core.Training;

namespace Vla.Cli.Sim;

/// <summary>One policy of `vla run`: the suites it trained and was evaluated on, its run folder and what each phase gave.</summary>
internal sealed record PolicyRun(string Name, IReadOnlyList<string> Suites, string Folder, TrainResult Train,
    SuiteEvaluation.Result Eval, RunExport.Result? Export, string Engine, RunReportFiles Report);
