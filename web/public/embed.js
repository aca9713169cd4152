// KVM Perf Playground: size each embedded iframe to its content. Include once
// on a page that has <iframe src=".../embed/<widget>/..."> elements; every
// embed posts {type: 'kvmplay:resize', height} to its parent, and this sets
// that iframe's height, so it never shows a scrollbar.
(function () {
  addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== 'kvmplay:resize' || typeof d.height !== 'number' || !(d.height > 0)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) {
        frames[i].style.height = Math.min(Math.ceil(d.height), 20000) + 'px';
        frames[i].dataset.kvmplayHeight = String(Math.ceil(d.height));
      }
    }
  });
})();
