namespace Vla.Cli.Report;

/// <summary>
/// The report's sections in their reading order, shared by the Markdown and HTML writers so the two cannot drift.
/// The order is the one a reader needs: the result first, then the evidence behind it, then the context.
/// </summary>
internal static class Sections
{
    public static readonly (string Id, string Title) Success = ("success", "Success rate");
    public static readonly (string Id, string Title) Loss = ("loss", "Training and validation loss, success against training time");
    public static readonly (string Id, string Title) Tasks = ("tasks", "Success per task");
    public static readonly (string Id, string Title) Facts = ("facts", "Run facts and throughput");
    public static readonly (string Id, string Title) Rollouts = ("rollouts", "Rollouts");
    public static readonly (string Id, string Title) Notes = ("notes", "Notes");

    public static readonly IReadOnlyList<(string Id, string Title)> All = [Success, Loss, Tasks, Facts, Rollouts, Notes];
}
