namespace Vla.Abstractions;

/// <summary>Dimensions a head is built for: backbone width and the chunk of K actions of D dimensions.</summary>
public sealed record HeadContext(int Width, ChunkShape Chunk);
