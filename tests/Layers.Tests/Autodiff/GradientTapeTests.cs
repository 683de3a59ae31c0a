using Layers.Tests.Support;

namespace Layers.Tests.Autodiff;

public class GradientTapeTests
{
    [Fact]
    public void Trainable_variables_are_watched_automatically()
    {
        var w = new Variable(Tensor.FromArray(new[] { 2f, 3f }), "w");
        var x = Tensor.FromArray(new[] { 5f, 7f });
        using var tape = new GradientTape();
        var y = w * x;
        var grads = tape.Gradient(y, [w]);
        Assert.Equal(new[] { 5f, 7f }, grads[0].ToArray<float>());
    }

    [Fact]
    public void Non_trainable_variables_are_not_watched_unless_asked()
    {
        var frozen = new Variable(Tensor.FromArray(new[] { 2f }), "frozen", trainable: false);
        using (var tape = new GradientTape())
        {
            var y = frozen * frozen;
            Assert.Equal(0, tape.RecordedOps);
            Assert.Null(tape.Gradient(y, [frozen], UnconnectedGradients.None)[0]);
        }
        using (var tape = new GradientTape())
        {
            tape.Watch(frozen);
            var y = frozen * frozen;
            Assert.Equal(new[] { 4f }, tape.Gradient(y, [frozen])[0].ToArray<float>());
        }
    }

    [Fact]
    public void Unconnected_sources_error_by_default_and_offer_none_and_zero()
    {
        var used = new Variable(Tensor.FromArray(new[] { 1f }), "used");
        var unused = new Variable(Tensor.FromArray(new[] { 1f, 2f }), "unused");
        using var tape = new GradientTape(persistent: true);
        var y = used * 3;
        Assertions.Throws<InvalidOperationException>(() => tape.Gradient(y, [used, unused]), "'unused'", "UnconnectedGradients.None");
        var none = tape.Gradient(y, [used, unused], UnconnectedGradients.None);
        Assert.Equal(new[] { 3f }, none[0]!.ToArray<float>());
        Assert.Null(none[1]);
        var zero = tape.Gradient(y, [used, unused], UnconnectedGradients.Zero);
        Assert.Equal(new[] { 0f, 0f }, zero[1]!.ToArray<float>());
    }

    [Fact]
    public void Gradient_can_be_taken_after_the_tape_stops_recording_as_in_TensorFlow()
    {
        var w = new Variable(Tensor.FromArray(new[] { 3f }), "w");
        Tensor y;
        var tape = new GradientTape();
        using (tape)
            y = w * w;
        var afterwards = w * w;
        Assert.Null(afterwards.GradNode);
        Assert.Equal(new[] { 6f }, tape.Gradient(y, [w])[0].ToArray<float>());
    }

    [Fact]
    public void A_non_persistent_tape_computes_once_and_releases_intermediates()
    {
        var w = new Variable(Tensor.FromArray(new[] { 3f }), "w");
        using var tape = new GradientTape();
        var hidden = w * 2;
        var y = hidden * hidden;
        tape.Gradient(y, [w]);
        Assert.Null(hidden.GradNode!.Inputs);
        Assert.Null(hidden.GradNode.Backward);
        Assertions.Throws<InvalidOperationException>(() => tape.Gradient(y, [w]), "only once", "persistent");
    }

    [Fact]
    public void NoGrad_suspends_recording_and_restores_it()
    {
        var w = new Variable(Tensor.FromArray(new[] { 3f }), "w");
        using var tape = new GradientTape();
        using (GradientTape.NoGrad())
        {
            Assert.False(GradientTape.IsRecording);
            Assert.Null((w * w).GradNode);
        }
        Assert.True(GradientTape.IsRecording);
        Assert.NotNull((w * w).GradNode);
    }

    [Fact]
    public void Gradient_with_respect_to_an_intermediate()
    {
        var x = Tensor.FromArray(new[] { 2.0 });
        using var tape = new GradientTape();
        tape.Watch(x);
        var h = x * x;
        var y = h * 3;
        var grads = tape.Gradient(y, [h, x]);
        Assert.Equal(new[] { 3.0 }, grads[0].ToArray<double>());
        Assert.Equal(new[] { 12.0 }, grads[1].ToArray<double>());
    }

    [Fact]
    public void Tapes_are_per_thread()
    {
        var w = new Variable(Tensor.FromArray(new[] { 3f }), "w");
        using var tape = new GradientTape();
        Tensor? fromOtherThread = null;
        var thread = new Thread(() => fromOtherThread = w * w);
        thread.Start();
        thread.Join();
        Assert.Null(fromOtherThread!.GradNode);
        Assert.Equal(0, tape.RecordedOps);
    }
}
