namespace Natrium.Grains.Subjects;

/// A subject with its queue group (empty for plain subscriptions), in Latin-1 form.
internal readonly record struct InterestKey(string Subject, string Queue);
