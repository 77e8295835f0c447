namespace Vla.Sim.Evaluation;

/// <summary>Checks a policy's chunk before it touches the simulator; returns a reason string or null when valid.</summary>
internal static class ActionValidator
{
    internal static string? Validate(float[][]? chunk)
    {
        if (chunk is null || chunk.Length == 0) return "policy returned an empty action chunk";
        for (int k = 0; k < chunk.Length; k++)
        {
            var a = chunk[k];
            if (a is null || a.Length != SimConventions.ActionDim)
                return $"action {k} of the chunk has {a?.Length ?? 0} values, expected {SimConventions.ActionDim}";
            for (int i = 0; i < a.Length; i++)
            {
                if (!float.IsFinite(a[i])) return $"action {k} of the chunk has a non-finite value ({a[i]}) at index {i}";
                if (Math.Abs(a[i]) > SimConventions.InvalidActionBound)
                    return $"action {k} of the chunk is out of range: |{a[i]}| > {SimConventions.InvalidActionBound} at index {i}";
            }
        }
        return null;
    }
}
