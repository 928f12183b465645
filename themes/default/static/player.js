// Timecode links seek the interview's player instead of opening the
// recording: the link's own href (`recording.mp3#t=750`) is the fallback
// without script.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.timecode[data-seconds]");
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const player = document.getElementById(link.dataset.player || "recording");
  if (!player) return;
  event.preventDefault();
  player.currentTime = Number(link.dataset.seconds);
  const played = player.play();
  if (played) played.catch(() => {});
  player.scrollIntoView({ block: "nearest" });
});
