//! One function component per file.

pub mod app;
pub mod build_panel;
pub mod charts;
pub mod controls;
pub mod describe_table;
pub mod event_log;
pub mod field;
pub mod group_form;
pub mod group_panel;
pub mod header;
pub mod help_dialog;
pub mod inspect_panel;
pub mod instance_form;
pub mod instance_row;
pub mod line_chart;
pub mod ownership_lines;
pub mod partition_lane;
pub mod producer_form;
pub mod scenario_panel;
pub mod side_panel;
pub mod thread_dot;
pub mod topic_form;
pub mod topology;
pub mod topology_svg;
pub mod warnings;
