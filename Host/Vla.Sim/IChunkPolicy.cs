namespace Vla.Sim;

/// <summary>
/// A closed-loop policy that returns a chunk of K actions (each 7-D, see <see cref="SimConventions"/>);
/// the evaluator executes the whole chunk open-loop before asking again.
/// </summary>
public interface IChunkPolicy
{
    float[][] PredictChunk(SimObservation observation);
}
