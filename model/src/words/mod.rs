//! What a run says in words: events on its course (`events`), the curves and the recovery in sentences
//! (`narrative`), and the guided stories with the numbers their runs give (`stories`, read from their files by
//! `story_file`). Every number in a text is read from a run, never typed in.
//!
//! May use: the crate root, `scenario` and `engine`. Not `analyses`.

pub mod events;
pub mod narrative;
pub mod stories;
pub mod story_file;
