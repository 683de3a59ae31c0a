namespace Layers.Tests.LayerContract;

public class ConcurrencyTests
{
    [Fact]
    public void A_built_layer_called_from_eight_threads_gives_the_single_threaded_results()
    {
        var layer = new Wrapper(new ScaleLayer());
        var inputs = Enumerable.Range(0, 8).Select(i => Tensor.Full(new Shape(4, 16), i + 0.5)).ToArray();
        layer.Apply(inputs[0]);
        var expected = inputs.Select(x => layer.Apply(x).ToArray<float>()).ToArray();

        var results = new float[8][][];
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            results[t] = [.. Enumerable.Range(0, 200).Select(i => layer.Apply(inputs[(t + i) % 8], training: i % 2 == 0).ToArray<float>())];
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        for (int t = 0; t < 8; t++)
            for (int i = 0; i < 200; i++)
                Assert.Equal(expected[(t + i) % 8], results[t][i]);
    }

    [Fact]
    public void A_layer_first_called_from_several_threads_is_built_exactly_once()
    {
        for (int round = 0; round < 5; round++)
        {
            var layer = new ScaleLayer();
            using var start = new Barrier(6);
            var threads = Enumerable.Range(0, 6).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                layer.Apply(Tensor.Ones(2, 3));
            })).ToArray();
            foreach (var thread in threads) thread.Start();
            foreach (var thread in threads) thread.Join();
            Assert.Equal(1, layer.BuildCount);
            Assert.Equal(2, layer.Weights.Count);
        }
    }
}
