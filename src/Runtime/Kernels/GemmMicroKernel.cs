using System.Numerics;

namespace Layers;

/// <summary>
/// A register-blocked GEMM micro-kernel with its cache-blocking sizes. It computes one
/// <see cref="MR"/>×<see cref="NR"/> tile <c>C = (accumulate ? C : 0) + Ap·Bp</c> over <c>kc</c> steps,
/// where Ap is a packed micro-panel of A (step p's MR values at <c>a + p·MR</c>) and Bp one of B
/// (step p's NR values at <c>b + p·NR</c>). C's rows are <c>ldc</c> elements apart.
/// </summary>
internal unsafe interface IGemmMicroKernel<T> where T : unmanaged, INumber<T>
{
    /// <summary>Rows of the register tile (values of A broadcast per step).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile (whole vectors of B per step).</summary>
    static abstract int NR { get; }

    /// <summary>Depth of a packed panel: a B micro-panel (KC·NR) should sit in L1 while A micro-panels stream from L2.</summary>
    static abstract int KC { get; }

    /// <summary>Rows of a packed A block (MC·KC), sized to stay in the core's L2.</summary>
    static abstract int MC { get; }

    /// <summary>Columns of a packed B block (KC·NC), sized for L2/L3.</summary>
    static abstract int NC { get; }

    /// <summary>Whether packing for this kernel may use <see cref="GemmTransposePacking"/> (only the 512-bit path does, so the scalar packing stays tested).</summary>
    static abstract bool TransposesInRegisters { get; }

    static abstract void Run(nint kc, T* a, T* b, T* c, nint ldc, bool accumulate);
}
