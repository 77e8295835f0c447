namespace Vla.Sim;

/// <summary>
/// A closed-loop policy that returns a chunk of K actions (each 7-D, see <see cref="SimConventions"/>);
/// the evaluator executes the whole chunk open-loop before asking again.
/// </summary>
public interface IChunkPolicy
{
    float[][] PredictChunk(SimObservation observation);

    /// <summary>The policy one episode runs with: itself when it keeps no state between queries, else a fresh stateful
    /// view (e.g. a temporal ensemble over the episode's chunks). Called after each reset, on the episode's thread.</summary>
    IChunkPolicy ForEpisode() => this;
}
