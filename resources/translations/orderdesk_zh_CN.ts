<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AdjustDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="94" />
      <source>e.g. stock count, damaged, found</source>
      <translation>例如：盘点、损坏、找到</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="96" />
      <source>On hand now:</source>
      <translation>当前库存：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="97" />
      <source>Reserved for orders:</source>
      <translation>订单已预留：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="98" />
      <source>&amp;Counted quantity:</source>
      <translation>盘点数量(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="99" />
      <source>&amp;Reason (required):</source>
      <translation>原因（必填）(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="100" />
      <source>Adjust stock</source>
      <translation>调整库存</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="106" />
      <source>Say why the stock is adjusted.</source>
      <translation>请说明调整库存的原因。</translation>
    </message>
  </context>
  <context>
    <name>ComingSoonView</name>
    <message>
      <location filename="../../app/ui/views/placeholder.py" line="12" />
      <source>%1 — coming soon</source>
      <translation>%1 — 即将推出</translation>
    </message>
  </context>
  <context>
    <name>CustomerSearchDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="40" />
      <source>Choose customer</source>
      <translation>选择客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="44" />
      <source>Name, phone or customer code</source>
      <translation>姓名、电话或客户编号</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="49" />
      <source>&amp;New customer…</source>
      <translation>新建客户(&amp;N)…</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="92" />
      <source>Welcome to OrderDesk</source>
      <translation>欢迎使用 OrderDesk</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="94" />
      <source>This database has no users yet. Create the administrator, who can then add the other users.</source>
      <translation>此数据库还没有用户。请先创建管理员，之后由管理员添加其他用户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="110" />
      <source>Administrator's &amp;user name:</source>
      <translation>管理员用户名(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="111" />
      <source>&amp;Password:</source>
      <translation>密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="112" />
      <source>&amp;Repeat password:</source>
      <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="115" />
      <source>Create</source>
      <translation>创建</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="127" />
      <source>The two passwords are not the same.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="35" />
      <source>Log in to OrderDesk</source>
      <translation>登录 OrderDesk</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="48" />
      <source>&amp;User:</source>
      <translation>用户(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="49" />
      <source>&amp;Password or PIN:</source>
      <translation>密码或 PIN(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="53" />
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="57" />
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/login.py" line="68" />
      <source>Enter your user name.</source>
      <translation>请输入用户名。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../app/ui/main_window.py" line="81" />
      <source>OrderDesk</source>
      <translation>OrderDesk 订单台</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="122" />
      <source>&amp;Desk</source>
      <translation>工作台(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="123" />
      <source>&amp;New order</source>
      <translation>新建订单(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="129" />
      <source>&amp;Settings…</source>
      <translation>设置(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="132" />
      <source>S&amp;witch user…</source>
      <translation>切换用户(&amp;W)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="137" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="141" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="182" />
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="183" />
      <source>User: %1 (%2)</source>
      <translation>用户：%1（%2）</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="185" />
      <source>Workstation: %1</source>
      <translation>工作站：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="194" />
      <source>counter</source>
      <translation>柜台</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="194" />
      <source>warehouse</source>
      <translation>仓库</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="195" />
      <source>finance</source>
      <translation>财务</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="195" />
      <source>manager</source>
      <translation>经理</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="196" />
      <source>admin</source>
      <translation>管理员</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="247" />
      <source>Unknown code: %1</source>
      <translation>无法识别的条码：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="259" />
      <source>Scanned %1 (%2) — nothing to do with it here.</source>
      <translation>已扫描 %1（%2）— 此页面无法处理。</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="276" />
      <source>Logged in as %1.</source>
      <translation>已登录为 %1。</translation>
    </message>
  </context>
  <context>
    <name>MessageBar</name>
    <message>
      <location filename="../../app/ui/views/message_bar.py" line="27" />
      <source>&amp;Reload</source>
      <translation>重新载入(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/message_bar.py" line="33" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>Navigation</name>
    <message>
      <location filename="../../app/ui/main_window.py" line="58" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="59" />
      <source>Order entry</source>
      <translation>订单录入</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="61" />
      <source>Stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="62" />
      <source>Shipping</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="64" />
      <source>Receivables</source>
      <translation>应收账款</translation>
    </message>
    <message>
      <location filename="../../app/ui/main_window.py" line="66" />
      <source>Returns</source>
      <translation>退货</translation>
    </message>
  </context>
  <context>
    <name>NewCustomerDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="123" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="144" />
      <source>&amp;Name:</source>
      <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="145" />
      <source>&amp;Phone:</source>
      <translation>电话(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="146" />
      <source>&amp;Email:</source>
      <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="147" />
      <source>Country:</source>
      <translation>国家/地区：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="148" />
      <source>Province / state:</source>
      <translation>省份/州：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="149" />
      <source>City:</source>
      <translation>城市：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="150" />
      <source>District:</source>
      <translation>区县：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="151" />
      <source>Street address:</source>
      <translation>街道地址：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/customer.py" line="152" />
      <source>Postcode:</source>
      <translation>邮政编码：</translation>
    </message>
  </context>
  <context>
    <name>OrderEntryView</name>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="85" />
      <source>&amp;New order (F2)</source>
      <translation>新建订单 (F2)(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="94" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="99" />
      <source>&amp;Choose customer… (F4)</source>
      <translation>选择客户… (F4)(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="109" />
      <source>Type or scan an SKU or barcode, then Enter</source>
      <translation>输入或扫描 SKU/条码，然后按回车</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="114" />
      <source>&amp;Add</source>
      <translation>添加(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="117" />
      <source>&amp;Product:</source>
      <translation>商品(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="119" />
      <source>Q&amp;ty:</source>
      <translation>数量(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="142" />
      <source>Lines: Delete removes, + / − change the quantity, Enter edits it.</source>
      <translation>明细行：Delete 删除，+ / − 增减数量，回车编辑数量。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="157" />
      <source>Subtotal:</source>
      <translation>小计：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="158" />
      <source>Discount:</source>
      <translation>折扣：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="159" />
      <source>Shipping:</source>
      <translation>运费：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="160" />
      <source>Total:</source>
      <translation>合计：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="161" />
      <source>Cancel order…</source>
      <translation>取消订单…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="164" />
      <source>C&amp;onfirm (Ctrl+Enter)</source>
      <translation>确认订单 (Ctrl+Enter)(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="209" />
      <source>New order</source>
      <translation>新订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="210" />
      <source>(not saved yet: add a customer or a line)</source>
      <translation>（尚未保存：请选择客户或添加商品）</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="211" />
      <location filename="../../app/ui/views/order_entry.py" line="222" />
      <source>No customer chosen.</source>
      <translation>尚未选择客户。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="253" />
      <source>Someone else changed this order: %1</source>
      <translation>其他人已修改此订单：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="256" />
      <source>%1: wanted %2, available %3</source>
      <translation>%1：需要 %2，可用 %3</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="259" />
      <source>Not enough stock — nothing was reserved:</source>
      <translation>库存不足 — 未预留任何商品：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="262" />
      <source>Not allowed: %1</source>
      <translation>无权操作：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="371" />
      <source>%1 × %2 now on the order</source>
      <translation>订单中现有 %1 × %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="423" />
      <source>Order %1 confirmed: stock is reserved.</source>
      <translation>订单 %1 已确认：库存已预留。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="430" />
      <source>Cancel order</source>
      <translation>取消订单</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="431" />
      <source>Why is order %1 cancelled?</source>
      <translation>为什么取消订单 %1？</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="440" />
      <source>Order %1 cancelled.</source>
      <translation>订单 %1 已取消。</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/order_entry.py" line="469" />
      <source>No order %1.</source>
      <translation>没有订单 %1。</translation>
    </message>
  </context>
  <context>
    <name>OrderLinesModel</name>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="24" />
      <source>#</source>
      <translation>#</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="25" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="26" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="27" />
      <source>Qty</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="28" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/order_lines.py" line="29" />
      <source>Line total</source>
      <translation>金额</translation>
    </message>
  </context>
  <context>
    <name>OrderStatus</name>
    <message>
      <location filename="../../app/ui/format.py" line="13" />
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="14" />
      <source>Needs attention</source>
      <translation>待处理</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="15" />
      <source>Confirmed</source>
      <translation>已确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="16" />
      <source>Backordered</source>
      <translation>缺货待补</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="17" />
      <source>In production</source>
      <translation>生产中</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="18" />
      <source>Picking</source>
      <translation>拣货中</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="19" />
      <source>Packed</source>
      <translation>已打包</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="20" />
      <source>Partly shipped</source>
      <translation>部分发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="21" />
      <source>Shipped</source>
      <translation>已发货</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="22" />
      <source>Delivered</source>
      <translation>已送达</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="23" />
      <source>On hold</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="24" />
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../app/ui/format.py" line="25" />
      <source>Returned</source>
      <translation>已退货</translation>
    </message>
  </context>
  <context>
    <name>OrdersTableModel</name>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="16" />
      <source>Number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="17" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="18" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="19" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="20" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="21" />
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/orders_table.py" line="22" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
  </context>
  <context>
    <name>OrdersView</name>
    <message>
      <location filename="../../app/ui/views/orders.py" line="40" />
      <source>Search order number, customer or phone</source>
      <translation>搜索订单号、客户或电话</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="44" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="60" />
      <source>&amp;Find:</source>
      <translation>查找(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="62" />
      <source>&amp;Status:</source>
      <translation>状态(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="96" />
      <source>Orders: %1</source>
      <translation>订单：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/orders.py" line="119" />
      <source>No order %1.</source>
      <translation>没有订单 %1。</translation>
    </message>
  </context>
  <context>
    <name>ProductsTableModel</name>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="18" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="19" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="20" />
      <source>Specification</source>
      <translation>规格</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="21" />
      <source>Price</source>
      <translation>价格</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="22" />
      <source>On hand</source>
      <translation>在库</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="23" />
      <source>Reserved</source>
      <translation>已预留</translation>
    </message>
    <message>
      <location filename="../../app/ui/models/products_table.py" line="24" />
      <source>Available</source>
      <translation>可用</translation>
    </message>
  </context>
  <context>
    <name>ReceiveDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="62" />
      <source>goods received</source>
      <translation>到货入库</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="65" />
      <source>On hand now:</source>
      <translation>当前库存：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="66" />
      <source>&amp;Quantity received:</source>
      <translation>入库数量(&amp;Q)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="67" />
      <source>&amp;Reference / reason:</source>
      <translation>单据号/原因(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/stock.py" line="68" />
      <source>Receive stock</source>
      <translation>入库</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="63" />
      <source>The server refused the user name or password. Check the password for user %1.</source>
      <translation>服务器拒绝了用户名或密码。请检查用户 %1 的密码。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="68" />
      <source>The server is reachable, but the database "%1" does not exist on it. Check the name, or ask the administrator to create it.</source>
      <translation>服务器可以连接，但上面没有数据库“%1”。请检查名称，或请管理员创建该数据库。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="74" />
      <source>The server does not know the user "%1".</source>
      <translation>服务器上没有用户“%1”。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="77" />
      <source>Cannot reach a database server at %1. Check the host name and port, that the server is running, and that no firewall blocks it.</source>
      <translation>无法连接到 %1 的数据库服务器。请检查主机名和端口、服务器是否在运行，以及防火墙是否阻止了连接。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="83" />
      <source>The database file cannot be opened: check that its folder exists and can be written to.</source>
      <translation>无法打开数据库文件：请检查其所在文件夹是否存在且可写入。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="89" />
      <source>That file is not an OrderDesk database.</source>
      <translation>该文件不是 OrderDesk 数据库。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="91" />
      <source>Could not connect: %1</source>
      <translation>无法连接：%1</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="119" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="124" />
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="125" />
      <source>Local file on this computer (SQLite)</source>
      <translation>本机文件（SQLite）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="126" />
      <source>Shared server (PostgreSQL)</source>
      <translation>共享服务器（PostgreSQL）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="131" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="149" />
      <source>&amp;Test connection</source>
      <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="157" />
      <source>File:</source>
      <translation>文件：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="159" />
      <source>Host:</source>
      <translation>主机：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="160" />
      <source>Port:</source>
      <translation>端口：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="161" />
      <source>Database name:</source>
      <translation>数据库名：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="162" />
      <source>User:</source>
      <translation>用户：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="163" />
      <source>Password:</source>
      <translation>密码：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="166" />
      <source>This workstation</source>
      <translation>本工作站</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="169" />
      <source>System default</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="178" />
      <source>Language:</source>
      <translation>语言：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="179" />
      <source>Workstation name:</source>
      <translation>工作站名称：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="181" />
      <source>Changes take effect when OrderDesk is started again.</source>
      <translation>更改将在重新启动 OrderDesk 后生效。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="223" />
      <source>Database file</source>
      <translation>数据库文件</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="224" />
      <source>SQLite database (*.sqlite3 *.sqlite *.db)</source>
      <translation>SQLite 数据库 (*.sqlite3 *.sqlite *.db)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="243" />
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs/settings.py" line="248" />
      <source>Connected (server version %1).</source>
      <translation>连接成功（服务器版本 %1）。</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <location filename="../../app/ui/app.py" line="51" />
      <source>OrderDesk cannot open its database</source>
      <translation>OrderDesk 无法打开数据库</translation>
    </message>
    <message>
      <location filename="../../app/ui/app.py" line="52" />
      <source>The database could not be opened:
%1

%2</source>
      <translation>无法打开数据库：
%1

%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/app.py" line="57" />
      <source>Open settings…</source>
      <translation>打开设置…</translation>
    </message>
  </context>
  <context>
    <name>StockView</name>
    <message>
      <location filename="../../app/ui/views/stock.py" line="46" />
      <source>Search SKU, name or barcode</source>
      <translation>搜索 SKU、名称或条码</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="48" />
      <source>&amp;Receive…</source>
      <translation>入库(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="51" />
      <source>A&amp;djust…</source>
      <translation>调整(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="66" />
      <source>&amp;Find:</source>
      <translation>查找(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="100" />
      <source>Products: %1</source>
      <translation>商品：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/views/stock.py" line="190" />
      <source>No product has the code %1.</source>
      <translation>没有商品使用条码 %1。</translation>
    </message>
  </context>
</TS>