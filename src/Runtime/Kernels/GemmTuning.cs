namespace Layers;

internal static class GemmTuning
{
    public static int KC = 256, MC = 120, NC = 4096;
}
