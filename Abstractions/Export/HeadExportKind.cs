namespace Vla.Abstractions.Export;

/// <summary>How an exported head turns slot hidden states into a chunk.</summary>
public enum HeadExportKind
{
    /// <summary>One slot pass gives the normalised chunk (L1 regression, discrete tokens with parallel decoding).</summary>
    OnePass,

    /// <summary>DDIM: the host runs a denoiser-step graph per timestep (the loop stays in C#, as in TorchSharp).</summary>
    Denoising,
}
