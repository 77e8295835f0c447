namespace Vla.Data.Streaming;

/// <summary>One camera's frames in a file: the dataset key (from the root) and the size they are stored at.</summary>
internal sealed record StoredCamera(string Key, int Height, int Width);
