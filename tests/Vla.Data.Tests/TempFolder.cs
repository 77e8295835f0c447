namespace Vla.Data.Tests;

/// <summary>A fresh folder per test, deleted afterwards.</summary>
public abstract class TempFolder : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("vla-data-").FullName;

    protected string PathOf(string name) => Path.Combine(Dir, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder must not fail a test
        }
        GC.SuppressFinalize(this);
    }
}
