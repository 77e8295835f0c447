using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>
/// The language-grounding probe: every task of a suite is run with the next task's instruction (a derangement), so a
/// policy that reads the instruction fails where one that ignores it keeps its success.
/// </summary>
internal static class InstructionShuffle
{
    public static Func<string, string> For(IEnumerable<string> suites)
    {
        var map = new Dictionary<string, string>();
        foreach (var suite in suites)
        {
            var tasks = SimCatalog.Tasks(suite);
            for (var i = 0; i < tasks.Count; i++) map[tasks[i].Instruction] = tasks[(i + 1) % tasks.Count].Instruction;
        }
        return instruction => map.GetValueOrDefault(instruction, instruction);
    }
}
